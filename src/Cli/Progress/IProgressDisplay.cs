using HyperRL.Agents.Training;

namespace HyperRL.Cli.Progress;

/// <summary>The progress of one training run; disposing it stops the display and leaves its final state.</summary>
public interface IProgressDisplay : ITrainingProgress, IDisposable
{
    /// <summary>A message from outside training (the Ctrl-C handler, on another thread), printed without breaking
    /// the display.</summary>
    void Notice(string message);

    void ITrainingProgress.OnNotice(string message) => Notice(message);
}
