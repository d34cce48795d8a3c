using HyperRL.Agents.Training;
using HyperRL.Cli.Progress;

namespace HyperRL.Cli.Tests.Progress;

/// <summary>A display that records what it was told.</summary>
internal sealed class RecordingDisplay : IProgressDisplay
{
    public List<string> Notices { get; } = [];
    public int Updates { get; private set; }
    public int Disposals { get; private set; }

    public void OnProgress(TrainingSnapshot snapshot) => Updates++;

    public void OnEvaluation(long step, IReadOnlyList<EvalResult> results)
    {
    }

    public void Notice(string message) => Notices.Add(message);

    public void Dispose() => Disposals++;
}
