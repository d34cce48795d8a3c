using HyperRL.Agents.Training;

namespace HyperRL.Agents.Experiments.Architectures;

/// <summary>One architecture of a run's space, evaluated: its hidden sizes, the parameter count of the plain actor it
/// generates, and its returns on each descriptor set (in the order the sets were given).</summary>
public sealed record ArchitectureResult(int[] Hidden, long Parameters, IReadOnlyList<EvalResult> Sets)
{
    public string Name => HyperPolicy.ArchitectureSpace.Format(Hidden);
}
