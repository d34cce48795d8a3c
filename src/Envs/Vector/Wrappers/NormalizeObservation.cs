using HyperRL.Envs.Util;

namespace HyperRL.Envs.Vector.Wrappers;

/// <summary>
/// Normalizes observations with ONE set of running statistics shared by all envs (Stable-Baselines3's
/// <c>VecNormalize</c>): after every <c>Reset</c> and <c>Step</c> the statistics are updated with the batch of
/// observations (while <see cref="Training"/>), then each value becomes (x - mean) / sqrt(var + 1e-8) clipped to
/// +-<see cref="Clip"/>. <see cref="IVectorEnv.FinalObservations"/> are normalized with the same, just-updated
/// statistics but never update them. The raw observations stay readable through <see cref="VectorWrapper.Inner"/>.
/// Save and restore the statistics with <see cref="RunningMeanStd.Save"/>/<see cref="RunningMeanStd.Load"/>.
/// </summary>
public sealed class NormalizeObservation : VectorWrapper
{
    /// <summary>Added to the variance before its square root, so a constant observation value stays finite.</summary>
    public const double VarianceEpsilon = 1e-8;

    /// <summary>The clip the env pipeline uses (Gymnasium's and Stable-Baselines3's default).</summary>
    public const float DefaultClip = 10f;
    private readonly float[] _observations;
    private readonly float[] _finalObservations;
    private readonly double[] _inverseStd;

    public NormalizeObservation(IVectorEnv inner, float clip = DefaultClip) : base(inner)
    {
        if (!(clip > 0)) throw new ArgumentOutOfRangeException(nameof(clip), clip, "Observation clip must be positive.");
        Clip = clip;
        Statistics = new RunningMeanStd(inner.ObservationSize);
        _observations = new float[inner.NumEnvs * inner.ObservationSize];
        _finalObservations = new float[inner.NumEnvs * inner.ObservationSize];
        _inverseStd = new double[inner.ObservationSize];
    }

    public RunningMeanStd Statistics { get; }

    /// <summary>Normalized values are clipped to [-Clip, Clip].</summary>
    public float Clip { get; }

    /// <summary>False freezes the statistics (evaluation): they are applied but no longer updated.</summary>
    public bool Training { get; set; } = true;

    public override ReadOnlySpan<float> Observations => _observations;
    public override ReadOnlySpan<float> FinalObservations => _finalObservations;

    public override void Reset(int seed)
    {
        Inner.Reset(seed);
        NormalizeCurrentObservations();
    }

    public override void Step(ReadOnlySpan<int> actions)
    {
        Inner.Step(actions);
        NormalizeCurrentObservations();
        NormalizeFinalObservations();
    }

    public override void Step(ReadOnlySpan<float> actions)
    {
        Inner.Step(actions);
        NormalizeCurrentObservations();
        NormalizeFinalObservations();
    }

    /// <summary>
    /// Normalizes <paramref name="count"/> rows of <see cref="IVectorEnv.ObservationSize"/> values in place with the
    /// current statistics, without updating them: off-policy algorithms store raw observations and normalize replay
    /// samples when they are drawn; evaluation normalizes its own envs' observations.
    /// </summary>
    public void Normalize(Span<float> rows, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int size = Statistics.Size;
        if (rows.Length < count * size) throw new ArgumentException($"Buffer has {rows.Length} values, needs {count}x{size}.", nameof(rows));
        ComputeInverseStd();
        ApplyStatistics(rows[..(count * size)]);
    }

    /// <summary>The normalized rows of the last step, as normalized then (the statistics are saved on their own).</summary>
    protected override void SaveOwnState(BinaryWriter writer)
    {
        StateArrays.Write<float>(writer, _observations);
        StateArrays.Write<float>(writer, _finalObservations);
    }

    protected override void LoadOwnState(BinaryReader reader)
    {
        StateArrays.Read<float>(reader, _observations, "normalized observations");
        StateArrays.Read<float>(reader, _finalObservations, "normalized final observations");
    }

    private void NormalizeCurrentObservations()
    {
        var raw = Inner.Observations;
        if (Training) Statistics.Update(raw, NumEnvs);
        raw.CopyTo(_observations);
        ComputeInverseStd();
        ApplyStatistics(_observations);
    }

    private void NormalizeFinalObservations()
    {
        var terminations = Inner.Terminations;
        var truncations = Inner.Truncations;
        var rawFinal = Inner.FinalObservations;
        int size = Statistics.Size;
        for (int i = 0; i < terminations.Length; i++)
        {
            if (!terminations[i] && !truncations[i]) continue;
            var row = _finalObservations.AsSpan(i * size, size);
            rawFinal.Slice(i * size, size).CopyTo(row);
            ApplyStatistics(row);
        }
    }

    private void ComputeInverseStd()
    {
        var variance = Statistics.Var;
        for (int k = 0; k < _inverseStd.Length; k++) _inverseStd[k] = 1.0 / Math.Sqrt(variance[k] + VarianceEpsilon);
    }

    /// <summary>Uses the coefficients of the last <see cref="ComputeInverseStd"/>.</summary>
    private void ApplyStatistics(Span<float> rows)
    {
        var mean = Statistics.Mean;
        var inverseStd = _inverseStd.AsSpan();
        int size = inverseStd.Length;
        for (int offset = 0; offset < rows.Length; offset += size)
        {
            var row = rows.Slice(offset, size);
            for (int k = 0; k < size; k++) row[k] = (float)Math.Clamp((row[k] - mean[k]) * inverseStd[k], -Clip, Clip);
        }
    }
}
