namespace HyperRL.Agents.Distributed.Protocol;

/// <summary>
/// One rollout chunk asked of a worker: <see cref="Steps"/> steps of every one of its envs, acting with policy
/// version <see cref="PolicyVersion"/>, whose parameters are the plain float vector of the network's parameters in
/// module order; observation and return statistics are the learner's (null where the run does not normalize).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RolloutRequest(
    [property: Id(0)] int PolicyVersion,
    [property: Id(1)] Block<float> Parameters,
    [property: Id(2)] StatisticsSnapshot? Observations,
    [property: Id(3)] StatisticsSnapshot? Returns,
    [property: Id(4)] int Steps,
    [property: Id(5)] double ExplorationRate = 0)
{
    public long Bytes => Parameters.Bytes.Length + (Observations?.Bytes ?? 0) + (Returns?.Bytes ?? 0) + 12;
}
