namespace HyperRL.HyperPolicy.Fused;

/// <summary>
/// Categorical over logits z: log pi(a) = z_a - logsumexp(z), H = -sum_k p_k log p_k. Gradients:
/// d log pi(a) / d z_k = [k = a] - p_k and d H / d z_k = -p_k (log p_k + H).
/// </summary>
internal sealed class FusedCategoricalHead(int actionCount) : IFusedHead
{
    public void Forward(ReadOnlySpan<float> raw, ReadOnlySpan<float> actions, int rows, ReadOnlySpan<float> parameters, Span<float> logProb, Span<float> entropy)
    {
        Span<float> logP = actionCount <= 256 ? stackalloc float[actionCount] : new float[actionCount];
        for (int i = 0; i < rows; i++)
        {
            entropy[i] = LogProbabilities(raw.Slice(i * actionCount, actionCount), logP);
            logProb[i] = logP[(int)actions[i]];
        }
    }

    public void Backward(ReadOnlySpan<float> raw, ReadOnlySpan<float> actions, int rows, ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> logProbGradient, ReadOnlySpan<float> entropyGradient, Span<float> rawGradient, Span<float> gradient)
    {
        Span<float> logP = actionCount <= 256 ? stackalloc float[actionCount] : new float[actionCount];
        for (int i = 0; i < rows; i++)
        {
            var g = rawGradient.Slice(i * actionCount, actionCount);
            float h = LogProbabilities(raw.Slice(i * actionCount, actionCount), logP);
            int action = (int)actions[i];
            for (int k = 0; k < actionCount; k++)
            {
                float p = MathF.Exp(logP[k]);
                g[k] = logProbGradient[i] * ((k == action ? 1f : 0f) - p) - entropyGradient[i] * p * (logP[k] + h);
            }
        }
    }

    /// <summary>logP = log_softmax(z); returns the entropy -sum p log p.</summary>
    private static float LogProbabilities(ReadOnlySpan<float> z, Span<float> logP)
    {
        float max = float.NegativeInfinity;
        foreach (float v in z) max = MathF.Max(max, v);
        float sum = 0;
        foreach (float v in z) sum += MathF.Exp(v - max);
        float logSumExp = max + MathF.Log(sum);
        float h = 0;
        for (int k = 0; k < z.Length; k++)
        {
            logP[k] = z[k] - logSumExp;
            h -= MathF.Exp(logP[k]) * logP[k];
        }
        return h;
    }
}
