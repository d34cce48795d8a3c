namespace HyperRL.HyperPolicy.Inference;

/// <summary>A policy head's distribution over one row's raw outputs, in C# (see <see cref="MlpSnapshot"/>).</summary>
internal abstract class HeadSnapshot
{
    /// <summary>Samples an action (or takes the mode when deterministic) and returns its log-probability. Discrete
    /// heads write the action index to <paramref name="discreteAction"/>, continuous ones fill <paramref name="continuousAction"/>.</summary>
    public abstract float Sample(ReadOnlySpan<float> raw, bool deterministic, Random rng, out int discreteAction, Span<float> continuousAction);

    /// <summary>One draw from N(0, 1) (Box-Muller).</summary>
    protected static float StandardNormal(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble(); // (0, 1]: log stays finite
        var u2 = rng.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}

/// <summary>Categorical over logits: log p(a) = z_a - logsumexp(z).</summary>
internal sealed class CategoricalHeadSnapshot : HeadSnapshot
{
    public override float Sample(ReadOnlySpan<float> raw, bool deterministic, Random rng, out int discreteAction, Span<float> continuousAction)
    {
        var max = float.NegativeInfinity;
        var argmax = 0;
        for (var k = 0; k < raw.Length; k++)
            if (raw[k] > max) (max, argmax) = (raw[k], k);
        double sum = 0;
        for (var k = 0; k < raw.Length; k++) sum += Math.Exp(raw[k] - max);
        var logSumExp = max + (float)Math.Log(sum);
        discreteAction = argmax;
        if (!deterministic)
        {
            // Inverse CDF: the first action whose cumulative probability passes u.
            var u = rng.NextDouble() * sum;
            double cumulative = 0;
            discreteAction = raw.Length - 1;
            for (var k = 0; k < raw.Length; k++)
            {
                cumulative += Math.Exp(raw[k] - max);
                if (u < cumulative)
                {
                    discreteAction = k;
                    break;
                }
            }
        }
        return raw[discreteAction] - logSumExp;
    }
}

/// <summary>
/// Diagonal Gaussian, optionally tanh-squashed into [low, high] (the same formulas as the torch heads): mean from the
/// raw outputs, log-std from a parameter (state-independent) or from the raw outputs' second half, clamped.
/// </summary>
internal sealed class GaussianHeadSnapshot(int actionSize, float[]? stateIndependentLogStd, float logStdInit, float minLogStd, float maxLogStd,
    float[]? center, float[]? halfRange) : HeadSnapshot
{
    private static readonly float HalfLogTwoPi = (float)(0.5 * Math.Log(2 * Math.PI));
    private static readonly float LogTwo = MathF.Log(2f);

    public override float Sample(ReadOnlySpan<float> raw, bool deterministic, Random rng, out int discreteAction, Span<float> continuousAction)
    {
        discreteAction = 0;
        float logProb = 0;
        for (var k = 0; k < actionSize; k++)
        {
            var mean = raw[k];
            var logStd = stateIndependentLogStd is not null
                ? stateIndependentLogStd[k]
                : Math.Clamp(raw[actionSize + k] + logStdInit, minLogStd, maxLogStd);
            var noise = deterministic ? 0f : StandardNormal(rng);
            var u = mean + MathF.Exp(logStd) * noise;
            logProb += -0.5f * noise * noise - logStd - HalfLogTwoPi;
            if (center is null || halfRange is null)
            {
                continuousAction[k] = u;
                continue;
            }
            continuousAction[k] = center[k] + halfRange[k] * MathF.Tanh(u);
            // log(1 - tanh(u)^2) = 2 (log 2 - u - softplus(-2u)), as in the torch head.
            var softplus = MathF.Max(-2f * u, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(2f * u)));
            logProb -= 2f * (LogTwo - u - softplus) + MathF.Log(halfRange[k]);
        }
        return logProb;
    }
}
