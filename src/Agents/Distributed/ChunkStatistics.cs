using HyperRL.Agents.Distributed.Protocol;
using HyperRL.Agents.Environments;
using HyperRL.Envs.Util;

namespace HyperRL.Agents.Distributed;

/// <summary>
/// A worker's normalization statistics across one chunk: the pipeline's wrappers start from the learner's
/// statistics and update them as in-process; what the chunk added goes back for the learner to merge
/// (<see cref="RunningMeanStd.Added"/>).
/// </summary>
internal sealed class ChunkStatistics(EnvPipeline pipeline)
{
    private RunningMeanStdState? _observations;
    private RunningMeanStdState? _returns;

    public void Load(RolloutRequest request)
    {
        _observations = Load(pipeline.ObservationNormalizer?.Statistics, request.Observations, "observation");
        _returns = Load(pipeline.RewardNormalizer?.Statistics, request.Returns, "return");
    }

    public StatisticsSnapshot? AddedObservations => Added(_observations, pipeline.ObservationNormalizer?.Statistics);

    public StatisticsSnapshot? AddedReturns => Added(_returns, pipeline.RewardNormalizer?.Statistics);

    /// <summary>The learner's side: its statistics as sent with a request (null where the run does not normalize).</summary>
    public static (StatisticsSnapshot? Observations, StatisticsSnapshot? Returns) Of(EnvPipeline learner) =>
        (StatisticsSnapshot.From(learner.ObservationNormalizer?.Statistics.Save()), StatisticsSnapshot.From(learner.RewardNormalizer?.Statistics.Save()));

    /// <summary>The learner's side: merges what a chunk's worker added to the statistics it was sent.</summary>
    public static void Merge(EnvPipeline learner, RolloutChunk chunk)
    {
        if (chunk.ObservationDelta is { } observations) learner.ObservationNormalizer!.Statistics.Merge(observations.ToState());
        if (chunk.ReturnDelta is { } returns) learner.RewardNormalizer!.Statistics.Merge(returns.ToState());
    }

    private static RunningMeanStdState? Load(RunningMeanStd? statistics, StatisticsSnapshot? sent, string what)
    {
        if ((statistics is null) != (sent is null))
            throw new InvalidOperationException($"the learner {(sent is null ? "sent no" : "sent")} {what} statistics, but this worker's config " +
                                                $"{(statistics is null ? "does not normalize" : "normalizes")} them");
        if (statistics is null) return null;
        var state = sent!.ToState();
        statistics.Load(state);
        return state;
    }

    private static StatisticsSnapshot? Added(RunningMeanStdState? before, RunningMeanStd? statistics) =>
        before is null ? null : StatisticsSnapshot.From(RunningMeanStd.Added(before, statistics!.Save()));
}
