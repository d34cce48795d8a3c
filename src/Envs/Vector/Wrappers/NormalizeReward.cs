using HyperRL.Envs.Util;

namespace HyperRL.Envs.Vector.Wrappers;

/// <summary>
/// Scales rewards by the running standard deviation of the discounted return (Stable-Baselines3's
/// <c>VecNormalize</c>), which keeps value targets at a stable scale without shifting them: per env
/// R = R * gamma + r, the statistics are updated with R (while <see cref="Training"/>), the reward becomes
/// r / sqrt(var + 1e-8) clipped to +-<see cref="Clip"/>, and R restarts at 0 where the episode ended. The raw rewards
/// stay readable through <see cref="VectorWrapper.Inner"/>, so a <see cref="RecordEpisodeStatistics"/> below this
/// wrapper records raw returns. Save and restore the statistics with <see cref="RunningMeanStd.Save"/>/<see cref="RunningMeanStd.Load"/>.
/// </summary>
public sealed class NormalizeReward : VectorWrapper
{
    private const double Epsilon = 1e-8;
    private readonly double[] _returns;
    private readonly float[] _rewards;

    public NormalizeReward(IVectorEnv inner, double gamma, float clip = 10f) : base(inner)
    {
        if (!(gamma is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Discount gamma must be in [0, 1].");
        if (!(clip > 0)) throw new ArgumentOutOfRangeException(nameof(clip), clip, "Reward clip must be positive.");
        Gamma = gamma;
        Clip = clip;
        _returns = new double[inner.NumEnvs];
        _rewards = new float[inner.NumEnvs];
    }

    /// <summary>Running mean and variance of the discounted return (only the variance is used: rewards are not shifted).</summary>
    public RunningMeanStd Statistics { get; } = new(1);

    public double Gamma { get; }

    /// <summary>Scaled rewards are clipped to [-Clip, Clip].</summary>
    public float Clip { get; }

    /// <summary>False freezes the statistics (evaluation): they are applied but no longer updated.</summary>
    public bool Training { get; set; } = true;

    public override ReadOnlySpan<float> Rewards => _rewards;

    public override void Reset(int seed)
    {
        Inner.Reset(seed);
        Array.Clear(_returns);
        Array.Clear(_rewards);
    }

    public override void Step(ReadOnlySpan<int> actions)
    {
        Inner.Step(actions);
        NormalizeStepRewards();
    }

    public override void Step(ReadOnlySpan<float> actions)
    {
        Inner.Step(actions);
        NormalizeStepRewards();
    }

    /// <summary>
    /// Scales and clips <paramref name="rewards"/> in place with the current statistics, without updating them
    /// (off-policy algorithms store raw rewards and normalize replay samples when they are drawn).
    /// </summary>
    public void Normalize(Span<float> rewards)
    {
        double scale = CurrentScale();
        for (int i = 0; i < rewards.Length; i++) rewards[i] = Scale(rewards[i], scale);
    }

    /// <summary>The running discounted returns and the last scaled rewards; the statistics are saved on their own
    /// (<see cref="RunningMeanStd.Save"/>), as policies keep them too.</summary>
    protected override void SaveOwnState(BinaryWriter writer)
    {
        StateArrays.Write<double>(writer, _returns);
        StateArrays.Write<float>(writer, _rewards);
    }

    protected override void LoadOwnState(BinaryReader reader)
    {
        StateArrays.Read<double>(reader, _returns, "discounted returns");
        StateArrays.Read<float>(reader, _rewards, "scaled rewards");
    }

    private void NormalizeStepRewards()
    {
        var raw = Inner.Rewards;
        for (int i = 0; i < _returns.Length; i++)
        {
            _returns[i] = _returns[i] * Gamma + raw[i];
            // One scalar merge per env equals SB3's single batch merge: Chan's combination of moments is exact.
            if (Training) Statistics.Update(_returns[i]);
        }
        double scale = CurrentScale();
        var terminations = Inner.Terminations;
        var truncations = Inner.Truncations;
        for (int i = 0; i < _returns.Length; i++)
        {
            _rewards[i] = Scale(raw[i], scale);
            if (terminations[i] || truncations[i]) _returns[i] = 0;
        }
    }

    private double CurrentScale() => 1.0 / Math.Sqrt(Statistics.Var[0] + Epsilon);

    private float Scale(float reward, double scale) => (float)Math.Clamp(reward * scale, -Clip, Clip);
}
