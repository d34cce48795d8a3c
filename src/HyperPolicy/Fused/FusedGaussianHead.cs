namespace HyperRL.HyperPolicy.Fused;

/// <summary>
/// Diagonal Gaussian with mean = raw and a state-independent log-std parameter s (CleanRL ppo_continuous_action):
/// z = (a - mu) e^-s, log pi = sum -z^2/2 - s - log(2 pi)/2, H = sum s + 1/2 + log(2 pi)/2. Gradients:
/// d log pi / d mu = z e^-s, d log pi / d s = z^2 - 1, d H / d s = 1.
/// </summary>
internal sealed class FusedGaussianHead(int actionSize, int logStdOffset) : IFusedHead
{
    private static readonly float HalfLogTwoPi = (float)(0.5 * Math.Log(2 * Math.PI));

    public void Forward(ReadOnlySpan<float> raw, ReadOnlySpan<float> actions, int rows, ReadOnlySpan<float> parameters, Span<float> logProb, Span<float> entropy)
    {
        var logStd = parameters.Slice(logStdOffset, actionSize);
        float h = 0;
        for (int k = 0; k < actionSize; k++) h += logStd[k] + 0.5f + HalfLogTwoPi;
        for (int i = 0; i < rows; i++)
        {
            float sum = 0;
            for (int k = 0; k < actionSize; k++)
            {
                float z = (actions[i * actionSize + k] - raw[i * actionSize + k]) * MathF.Exp(-logStd[k]);
                sum += -0.5f * z * z - logStd[k] - HalfLogTwoPi;
            }
            logProb[i] = sum;
            entropy[i] = h;
        }
    }

    public void Backward(ReadOnlySpan<float> raw, ReadOnlySpan<float> actions, int rows, ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> logProbGradient, ReadOnlySpan<float> entropyGradient, Span<float> rawGradient, Span<float> gradient)
    {
        var logStd = parameters.Slice(logStdOffset, actionSize);
        var logStdGradient = gradient.Slice(logStdOffset, actionSize);
        for (int i = 0; i < rows; i++)
            for (int k = 0; k < actionSize; k++)
            {
                float inverseStd = MathF.Exp(-logStd[k]);
                float z = (actions[i * actionSize + k] - raw[i * actionSize + k]) * inverseStd;
                rawGradient[i * actionSize + k] = logProbGradient[i] * z * inverseStd;
                logStdGradient[k] += logProbGradient[i] * (z * z - 1f) + entropyGradient[i];
            }
    }
}
