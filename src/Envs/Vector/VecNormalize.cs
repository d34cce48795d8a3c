using HyperRL.Envs.Util;

namespace HyperRL.Envs.Vector;

/// <summary>Saveable state of a <see cref="VecNormalize"/>.</summary>
public sealed record VecNormalizeState(RunningMeanStdState? Observations, RunningMeanStdState? Returns);

/// <summary>
/// Observation and reward normalization over a whole vector env with ONE set of running statistics shared by all
/// envs (Stable-Baselines3's <c>VecNormalize</c>), applied to the batch arrays after each step. Episode statistics
/// of the vector env stay in raw rewards because they are recorded before this runs.
/// </summary>
public sealed class VecNormalize
{
    private const double Epsilon = 1e-8;
    private readonly double _gamma;
    private readonly float _clipObservation;
    private readonly float _clipReward;
    private readonly double[] _returns;

    public VecNormalize(int numEnvs, int observationSize, bool normalizeObservations, bool normalizeRewards,
        double gamma = 0.99, float clipObservation = 10f, float clipReward = 10f)
    {
        ObservationStatistics = normalizeObservations ? new RunningMeanStd(observationSize) : null;
        ReturnStatistics = normalizeRewards ? new RunningMeanStd(1) : null;
        _gamma = gamma;
        _clipObservation = clipObservation;
        _clipReward = clipReward;
        _returns = new double[numEnvs];
    }

    public RunningMeanStd? ObservationStatistics { get; }
    public RunningMeanStd? ReturnStatistics { get; }

    /// <summary>False during evaluation: statistics are used but not changed.</summary>
    public bool Training { get; set; } = true;

    /// <summary>Normalizes <paramref name="rows"/> observations in place (updating statistics when training).</summary>
    public void NormalizeObservations(Span<float> batch, int rows, bool update)
    {
        var stats = ObservationStatistics;
        if (stats == null) return;
        if (update && Training) stats.Update(batch, rows);
        ApplyObservationStatistics(batch, rows);
    }

    /// <summary>Normalizes without ever updating (final observations, evaluation).</summary>
    public void ApplyObservationStatistics(Span<float> batch, int rows)
    {
        var stats = ObservationStatistics;
        if (stats == null) return;
        int size = stats.Size;
        Span<float> scale = stackalloc float[size];
        Span<float> shift = stackalloc float[size];
        for (int k = 0; k < size; k++)
        {
            scale[k] = (float)(1.0 / Math.Sqrt(stats.Var[k] + Epsilon));
            shift[k] = (float)stats.Mean[k];
        }
        for (int r = 0; r < rows; r++)
        {
            var row = batch.Slice(r * size, size);
            for (int k = 0; k < size; k++) row[k] = Math.Clamp((row[k] - shift[k]) * scale[k], -_clipObservation, _clipObservation);
        }
    }

    /// <summary>Scales rewards in place by the running std of discounted returns; <paramref name="dones"/> end returns.</summary>
    public void NormalizeRewards(Span<float> rewards, ReadOnlySpan<bool> terminations, ReadOnlySpan<bool> truncations)
    {
        var stats = ReturnStatistics;
        if (stats == null) return;
        for (int i = 0; i < rewards.Length; i++)
        {
            _returns[i] = _returns[i] * _gamma + rewards[i];
            if (Training) stats.Update(_returns[i]);
        }
        float scale = (float)(1.0 / Math.Sqrt(stats.Var[0] + Epsilon));
        for (int i = 0; i < rewards.Length; i++)
        {
            rewards[i] = Math.Clamp(rewards[i] * scale, -_clipReward, _clipReward);
            if (terminations[i] || truncations[i]) _returns[i] = 0;
        }
    }

    public VecNormalizeState Save() => new(ObservationStatistics?.Save(), ReturnStatistics?.Save());

    public void Load(VecNormalizeState state)
    {
        if ((state.Observations == null) != (ObservationStatistics == null) || (state.Returns == null) != (ReturnStatistics == null))
            throw new ArgumentException("Saved normalization statistics do not match this run's normalization settings.");
        if (state.Observations != null) ObservationStatistics!.Load(state.Observations);
        if (state.Returns != null) ReturnStatistics!.Load(state.Returns);
    }
}
