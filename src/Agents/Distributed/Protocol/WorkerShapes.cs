using HyperRL.Agents.Config;
using HyperRL.Agents.Environments;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Distributed.Protocol;

/// <summary>What a worker's envs look like from the policy's side; learner and worker must agree on all of it.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerShapes(
    [property: Id(0)] string EnvId,
    [property: Id(1)] int ObservationSize,
    [property: Id(2)] int ActionSize,
    [property: Id(3)] bool Discrete,
    [property: Id(4)] string[] DescriptorNames)
{
    /// <summary>The shapes a run of <paramref name="config"/> acts with, as learner and workers compare them.</summary>
    public static WorkerShapes Of(TrainConfig config, PolicyShapes shapes) =>
        new(config.Env, shapes.ObservationSize, shapes.ActionSize, shapes.ActionKind == ActionKind.Discrete, [.. EnvSetup.Environment(config).DescriptorNames]);

    public bool SameAs(WorkerShapes other) =>
        EnvId == other.EnvId && ObservationSize == other.ObservationSize && ActionSize == other.ActionSize && Discrete == other.Discrete
        && DescriptorNames.SequenceEqual(other.DescriptorNames);

    public override string ToString() =>
        $"{EnvId} (observation {ObservationSize}, {(Discrete ? "discrete" : "continuous")} action {ActionSize}, descriptor [{string.Join(", ", DescriptorNames)}])";
}
