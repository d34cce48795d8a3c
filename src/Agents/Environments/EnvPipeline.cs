using HyperRL.Agents.Config;
using HyperRL.Envs.Core;
using HyperRL.Envs.Spaces;
using HyperRL.Envs.Vector;
using HyperRL.Envs.Vector.Wrappers;

namespace HyperRL.Agents.Environments;

/// <summary>
/// The vector envs an algorithm acts in, as Gymnasium composes vector wrappers:
/// <c>envs -> RecordEpisodeStatistics -> ClipAction (continuous actions) -> NormalizeObservation -> NormalizeReward</c>.
/// Algorithms act on <see cref="Envs"/> (normalized as configured) and never sequence normalization themselves;
/// episode statistics stay in raw rewards; off-policy algorithms store <see cref="Raw"/> values in their replay
/// buffers and normalize samples with <see cref="NormalizeObservations"/> and <see cref="NormalizeRewards"/>, so old
/// transitions do not go stale as the statistics move (Stable-Baselines3 does the same).
/// </summary>
public sealed class EnvPipeline : IDisposable
{
    private readonly RecordEpisodeStatistics _episodes;

    private EnvPipeline(IVectorEnv source, bool normalizeObservations, bool normalizeRewards, double gamma)
    {
        _episodes = new RecordEpisodeStatistics(source);
        Raw = source.SingleActionSpace is Box ? new ClipAction(_episodes) : _episodes;
        IVectorEnv outer = Raw;
        if (normalizeObservations) outer = ObservationNormalizer = new NormalizeObservation(outer);
        if (normalizeRewards) outer = RewardNormalizer = new NormalizeReward(outer, gamma);
        Envs = outer;
    }

    /// <summary>What the agent acts on: observations and rewards normalized as configured.</summary>
    public IVectorEnv Envs { get; }

    /// <summary>The same envs below normalization: raw observations and rewards (actions still clipped).</summary>
    public IVectorEnv Raw { get; }

    public NormalizeObservation? ObservationNormalizer { get; }

    public NormalizeReward? RewardNormalizer { get; }

    /// <summary>Episodes that ended in the last step (raw returns).</summary>
    public IReadOnlyList<EpisodeRecord> CompletedEpisodes => _episodes.CompletedEpisodes;

    /// <summary>The training envs of a run (<see cref="TrainConfig.NumEnvs"/> envs, <see cref="TrainConfig.Workers"/> threads).</summary>
    public static EnvPipeline ForTraining(TrainConfig config, EnvOptions options) =>
        new(VectorEnvFactory.Make(config.Env, config.NumEnvs, config.Workers, options),
            config.NormalizeObservations, config.NormalizeRewards, config.Algorithm.Gamma);

    /// <summary>Envs for evaluating a policy of the run: observations normalized with <paramref name="normalization"/>'s
    /// statistics, frozen; rewards raw.</summary>
    public static EnvPipeline ForEvaluation(TrainConfig config, EnvOptions options, int numEnvs, NormalizationState? normalization)
    {
        var pipeline = new EnvPipeline(VectorEnvFactory.Make(config.Env, numEnvs, workers: 1, options),
            normalization?.Observations != null, normalizeRewards: false, config.Algorithm.Gamma);
        if (pipeline.ObservationNormalizer is { } normalizer)
        {
            normalizer.Statistics.Load(normalization!.Observations!);
            normalizer.Training = false;
        }
        return pipeline;
    }

    /// <summary>Normalizes stored raw observations with the current statistics, without updating them.</summary>
    public void NormalizeObservations(Span<float> rows, int count) => ObservationNormalizer?.Normalize(rows, count);

    /// <summary>Scales stored raw rewards with the current statistics, without updating them.</summary>
    public void NormalizeRewards(Span<float> rewards) => RewardNormalizer?.Normalize(rewards);

    public NormalizationState? SaveNormalization() =>
        ObservationNormalizer == null && RewardNormalizer == null
            ? null
            : new NormalizationState(ObservationNormalizer?.Statistics.Save(), RewardNormalizer?.Statistics.Save());

    public void LoadNormalization(NormalizationState? state)
    {
        if ((state?.Observations == null) != (ObservationNormalizer == null) || (state?.Returns == null) != (RewardNormalizer == null))
            throw new InvalidOperationException("saved normalization statistics do not match the run's normalizeObservations/normalizeRewards settings");
        if (state?.Observations is { } observations) ObservationNormalizer!.Statistics.Load(observations);
        if (state?.Returns is { } returns) RewardNormalizer!.Statistics.Load(returns);
    }

    public void Dispose() => Envs.Dispose();
}
