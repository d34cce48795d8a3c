using HyperRL.Envs.Vector.Wrappers;

namespace HyperRL.Agents.Distributed.Protocol;

/// <summary>An episode that ended in a chunk; <see cref="StepOffset"/>: the chunk's env steps up to its end.</summary>
[GenerateSerializer, Immutable]
public sealed record EpisodeSummary(
    [property: Id(0)] int StepOffset,
    [property: Id(1)] int EnvIndex,
    [property: Id(2)] double Return,
    [property: Id(3)] int Length,
    [property: Id(4)] float[] Descriptor,
    [property: Id(5)] bool Truncated)
{
    public static EpisodeSummary Of(int stepOffset, EpisodeRecord episode) =>
        new(stepOffset, episode.EnvIndex, episode.Return, episode.Length, episode.Descriptor, episode.Truncated);

    public EpisodeRecord ToRecord() => new(EnvIndex, Return, Length, Descriptor, Truncated);
}

/// <summary>
/// A worker's rollout of <see cref="Steps"/> x <see cref="NumEnvs"/> transitions as compact row-major arrays [t * N + i]:
/// observations and rewards as the agent saw them (normalized with the request's statistics where the run
/// normalizes; truncated episodes' rewards already bootstrapped with gamma * V(final observation)), descriptors,
/// actions, log-probabilities and values of the acting policy, dones (terminated or truncated), V of the
/// observations after the last step, the finished episodes (raw returns), and what the chunk adds to the
/// normalization statistics (merged by the learner). An off-policy actor's chunk holds transitions instead: raw
/// observations, <see cref="NextObservations"/> (raw; the final observation where an episode ended), raw rewards and
/// <see cref="Terminations"/>, with no log-probabilities, values, dones or last values. <see cref="Error"/>: a one-line
/// reason the worker could not collect.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RolloutChunk(
    [property: Id(0)] string? Error,
    [property: Id(1)] int PolicyVersion,
    [property: Id(2)] int Steps,
    [property: Id(3)] int NumEnvs,
    [property: Id(4)] Block<float> Observations,
    [property: Id(5)] Block<float> Descriptors,
    [property: Id(6)] Block<long> DiscreteActions,
    [property: Id(7)] Block<float> ContinuousActions,
    [property: Id(8)] Block<float> LogProbs,
    [property: Id(9)] Block<float> Values,
    [property: Id(10)] Block<float> Rewards,
    [property: Id(11)] Block<bool> Dones,
    [property: Id(12)] Block<float> LastValues,
    [property: Id(13)] EpisodeSummary[] Episodes,
    [property: Id(14)] StatisticsSnapshot? ObservationDelta,
    [property: Id(15)] StatisticsSnapshot? ReturnDelta,
    [property: Id(16)] double CollectSeconds,
    [property: Id(17)] Block<float> NextObservations,
    [property: Id(18)] Block<bool> Terminations)
{
    public static RolloutChunk Failed(string error) =>
        new(error, -1, 0, 0, new([]), new([]), new([]), new([]), new([]), new([]), new([]), new([]), new([]), [], null, null, 0, new([]), new([]));

    /// <summary>Payload bytes (arrays and statistics; Orleans' framing comes on top).</summary>
    public long Bytes =>
        (long)Observations.Bytes.Length + Descriptors.Bytes.Length + ContinuousActions.Bytes.Length + LogProbs.Bytes.Length + Values.Bytes.Length
        + Rewards.Bytes.Length + LastValues.Bytes.Length + DiscreteActions.Bytes.Length + Dones.Bytes.Length + NextObservations.Bytes.Length
        + Terminations.Bytes.Length + Episodes.Sum(e => 29L + 4 * e.Descriptor.Length)
        + (ObservationDelta?.Bytes ?? 0) + (ReturnDelta?.Bytes ?? 0) + 24;
}
