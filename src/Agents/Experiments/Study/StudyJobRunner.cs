using HyperRL.Agents.Environments;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>What one job did when asked to run.</summary>
public enum StudyJobOutcome { AlreadyDone, Evaluated, Trained, Resumed, Stopped }

/// <summary>
/// Runs one (scheme, seed) job to completion: trains its run (or resumes it from its checkpoint, or skips training
/// when the run already has its full budget), then evaluates its final and best policies on every point of the plan
/// and writes the job's evaluation file. A job whose file exists is done and is skipped, so a study that was stopped
/// continues where it was.
/// </summary>
public static class StudyJobRunner
{
    public static StudyJobOutcome Run(StudyPlan plan, StudyJob job, ITrainingProgress? progress = null, CancellationToken cancellation = default)
    {
        if (File.Exists(job.EvalFile)) return StudyJobOutcome.AlreadyDone;
        var outcome = StudyJobOutcome.Evaluated;
        long done = CompletedSteps(job.RunDirectory);
        if (done < job.Config.TotalSteps)
        {
            TrainingResult result;
            if (done >= 0)
            {
                result = Trainer.Resume(job.RunDirectory, job.Config.TotalSteps, progress, cancellation);
                outcome = StudyJobOutcome.Resumed;
            }
            else
            {
                // A run directory without a checkpoint holds nothing worth keeping (a start cut short): start over.
                if (Directory.Exists(job.RunDirectory)) Directory.Delete(job.RunDirectory, recursive: true);
                result = Trainer.Train(job.Config, job.RunDirectory, progress, cancellation);
                outcome = StudyJobOutcome.Trained;
            }
            if (result.Stopped) return StudyJobOutcome.Stopped;
        }
        var rows = new List<StudyResultRow>();
        foreach (string policy in new[] { StudyResultRow.FinalPolicy, StudyResultRow.BestPolicy })
        {
            using var trained = TrainedRun.Load(job.RunDirectory, best: policy == StudyResultRow.BestPolicy);
            foreach (var point in plan.Points)
            {
                cancellation.ThrowIfCancellationRequested();
                var result = trained.Evaluate(EnvSetup.FixedOptions(job.Config, point.Values), plan.Spec.Episodes, plan.Spec.EvalSeed, point.Split);
                rows.Add(new StudyResultRow(job.Scheme, job.Seed, point.Split, point.Index, point.Values, policy, result.MeanReturn, result.StdReturn,
                    plan.Spec.Episodes, result.MeanReturn));
            }
        }
        StudyResultsFile.Write(job.EvalFile, plan.FeatureNames, rows);
        return outcome;
    }

    /// <summary>The steps of the run's checkpoint; -1 when it has none (not started, or cut short before the first).</summary>
    public static long CompletedSteps(string runDirectory)
    {
        var layout = new RunLayout(runDirectory);
        if (!File.Exists(layout.Config) || !File.Exists(layout.CheckpointTrainer)) return -1;
        AtomicFile.Recover(layout.Checkpoint);
        return TrainerState.Read(layout).GlobalStep;
    }
}
