using HyperRL.Agents.Config;
using HyperRL.Agents.Distributed;
using HyperRL.Agents.Runs;

namespace HyperRL.Agents.Training;

/// <summary>
/// Runs training in a run directory (see <see cref="RunLayout"/>): fresh from a config, or resumed from the
/// directory's last checkpoint, continuing the same step count and metrics files. Every config is checked before
/// anything is written.
/// </summary>
public static class Trainer
{
    /// <param name="workers">With remote workers: a pool to use instead of starting this process's learner silo (tests).</param>
    public static TrainingResult Train(TrainConfig config, string runDirectory, ITrainingProgress? progress = null,
        CancellationToken cancellation = default, RemoteWorkerPool? workers = null)
    {
        ConfigValidation.Check(config);
        var layout = new RunLayout(runDirectory);
        ThrowIfHoldsRun(layout);
        bool created = !Directory.Exists(runDirectory);
        TrainingSession session;
        var runLock = RunLock.Acquire(runDirectory);
        try
        {
            ThrowIfHoldsRun(layout); // another process may have started it while this one checked
            session = TrainingSession.Create(config, layout, resumed: null, workers, Notice(progress), cancellation);
        }
        catch
        {
            runLock.Dispose();
            // A start that failed leaves nothing behind.
            if (created) Directory.Delete(runDirectory, recursive: true);
            throw;
        }
        using (runLock)
        using (session)
        {
            AtomicFile.WriteAllText(layout.Config, ConfigReader.ToJson(config));
            return WithLockNote(session.Run(config.TotalSteps, progress, cancellation), runLock);
        }
    }

    private static Action<string> Notice(ITrainingProgress? progress) => message => progress?.OnNotice(message);

    private static TrainingResult WithLockNote(TrainingResult result, RunLock runLock) =>
        runLock.StalePrevious is { } previous
            ? result with { Notes = [.. result.Notes, $"took over the run's lock from {previous}, which ended without releasing it"] }
            : result;

    private static void ThrowIfHoldsRun(RunLayout layout)
    {
        if (File.Exists(layout.Config))
            throw new InvalidOperationException($"run directory '{layout.Directory}' already holds a run; pick another --name or use --resume");
    }

    /// <summary>Continues a run from its checkpoint; <paramref name="totalSteps"/> may extend the budget.</summary>
    public static TrainingResult Resume(string runDirectory, long? totalSteps = null, ITrainingProgress? progress = null,
        CancellationToken cancellation = default, RemoteWorkerPool? workers = null)
    {
        var layout = RunLayout.Existing(runDirectory);
        using var runLock = RunLock.Acquire(runDirectory);
        // A checkpoint or best-policy swap that a killed process cut short is put right before anything reads them.
        AtomicFile.Recover(layout.Checkpoint);
        AtomicFile.Recover(layout.Best);
        var config = ConfigReader.Load(layout.Config);
        ConfigValidation.Check(config);
        if (!File.Exists(layout.CheckpointTrainer))
            throw new InvalidOperationException($"run '{runDirectory}' has no checkpoint to resume from");
        var state = TrainerState.Read(layout);
        if (state.EnvId is { } trainedIn && trainedIn != config.Env)
            throw new InvalidOperationException($"the checkpoint of '{runDirectory}' was trained in {trainedIn}, but its config.json names {config.Env}");
        long target = totalSteps ?? config.TotalSteps;
        if (target <= state.GlobalStep)
            throw new InvalidOperationException(
                $"run '{runDirectory}' already has {state.GlobalStep} steps (budget {config.TotalSteps}); pass a larger --steps to continue it");
        bool extended = target != config.TotalSteps;
        if (extended) config = config with { TotalSteps = target };
        using var session = TrainingSession.Create(config, layout, state, workers, Notice(progress), cancellation);
        if (extended) AtomicFile.WriteAllText(layout.Config, ConfigReader.ToJson(config));
        return WithLockNote(session.Run(target, progress, cancellation), runLock);
    }
}
