namespace HyperRL.Agents.Training;

/// <summary>Live progress for a user interface (progress bar or log lines).</summary>
public interface ITrainingProgress
{
    void OnProgress(TrainingSnapshot snapshot);

    void OnEvaluation(long step, IReadOnlyList<EvalResult> results);

    /// <summary>A line worth telling the user while training runs (remote workers joining or lost).</summary>
    void OnNotice(string message)
    {
    }
}

/// <summary>Where training stands: steps, speed, episodes, recent mean return.</summary>
public sealed record TrainingSnapshot(long Step, long TotalSteps, double Seconds, double StepsPerSecond, int Episodes, double RecentMeanReturn);
