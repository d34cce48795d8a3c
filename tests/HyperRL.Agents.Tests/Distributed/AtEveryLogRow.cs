using HyperRL.Agents.Training;

namespace HyperRL.Agents.Tests.Distributed;

/// <summary>Calls back on the training thread at every progress report (each metrics row): where a test injects faults.</summary>
internal sealed class AtEveryLogRow(Action<long> atStep) : ITrainingProgress
{
    public void OnProgress(TrainingSnapshot snapshot) => atStep(snapshot.Step);

    public void OnEvaluation(long step, IReadOnlyList<EvalResult> results)
    {
    }
}
