namespace HyperRL.Agents.Distributed.Protocol;

/// <summary>
/// What a rollout worker is built from: the run's whole config (env id, options, randomization, policy spec,
/// normalization settings, seed), its index (its envs' and sampler's seeds derive from the run seed and the index)
/// and the shapes the learner expects, which the worker checks against the envs it builds.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WorkerSetup(
    [property: Id(0)] string HyperRLVersion,
    [property: Id(1)] int Protocol,
    [property: Id(2)] string ConfigJson,
    [property: Id(3)] int WorkerIndex,
    [property: Id(4)] WorkerShapes Expected);

/// <summary>A worker's answer to <see cref="WorkerSetup"/>: <see cref="Error"/> is a one-line reason it refused.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerReady(
    [property: Id(0)] string? Error,
    [property: Id(1)] string HyperRLVersion,
    [property: Id(2)] string Host,
    [property: Id(3)] int ProcessId);
