namespace HyperRL.Agents.Algorithms.Ppo;

/// <summary>The logged terms of <see cref="PpoLoss"/> on one minibatch, as numbers.</summary>
public readonly record struct PpoLossValues(float PolicyLoss, float ValueLoss, float Entropy, float ApproxKl, float ClipFraction);

/// <summary>
/// <see cref="PpoLoss"/> on C# arrays with its gradient by each row's log-prob, entropy and value, for the fused
/// training path. The derivatives follow torch's autograd rules for the same expression: maximum(x, y) sends the
/// gradient to the larger input (half to each on a tie), clamp passes it inside its closed interval. With
/// r = pi / pi_old and A the (normalized) advantage:
///     d L / d log pi  = r * (-A) / B  where the unclipped term is active (r inside [1 - eps, 1 + eps], or -A r the larger), else 0;
///     d L / d H       = -c_e / B;
///     d L / d V       = c_v (V - R) / B, or with value clipping the active branch's (V_clip - R), halved on ties.
/// </summary>
public static class PpoLossGradient
{
    public static PpoLossValues Compute(
        ReadOnlySpan<float> newLogProb, ReadOnlySpan<float> oldLogProb, ReadOnlySpan<float> advantages, ReadOnlySpan<float> entropy,
        ReadOnlySpan<float> newValue, ReadOnlySpan<float> oldValue, ReadOnlySpan<float> returns,
        double clipCoef, bool clipValueLoss, double entCoef, double vfCoef, bool normalizeAdvantages,
        Span<float> logProbGradient, Span<float> entropyGradient, Span<float> valueGradient)
    {
        int n = newLogProb.Length;
        float lowRatio = (float)(1 - clipCoef), highRatio = (float)(1 + clipCoef), clip = (float)clipCoef;

        double advantageMean = 0, advantageScale = 1;
        if (normalizeAdvantages && n > 1)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += advantages[i];
            advantageMean = sum / n;
            double squares = 0;
            for (int i = 0; i < n; i++) squares += (advantages[i] - advantageMean) * (advantages[i] - advantageMean);
            advantageScale = 1.0 / (Math.Sqrt(squares / (n - 1)) + 1e-8); // torch's std is the unbiased one
        }

        double policyLoss = 0, valueLoss = 0, entropySum = 0, approxKl = 0, clipped = 0;
        float perRow = 1f / n;
        for (int i = 0; i < n; i++)
        {
            float logRatio = newLogProb[i] - oldLogProb[i];
            float ratio = MathF.Exp(logRatio);
            approxKl += ratio - 1 - logRatio;
            if (MathF.Abs(ratio - 1) > clip) clipped++;

            float advantage = (float)((advantages[i] - advantageMean) * advantageScale);
            float unclippedTerm = -advantage * ratio;
            float clippedTerm = -advantage * Math.Clamp(ratio, lowRatio, highRatio);
            policyLoss += Math.Max(unclippedTerm, clippedTerm);
            bool insideClip = ratio >= lowRatio && ratio <= highRatio;
            float ratioGradient = unclippedTerm > clippedTerm || insideClip ? -advantage * perRow : 0f;
            logProbGradient[i] = ratioGradient * ratio;

            entropySum += entropy[i];
            entropyGradient[i] = (float)(-entCoef) * perRow;

            float error = newValue[i] - returns[i];
            if (!clipValueLoss)
            {
                valueLoss += error * error;
                valueGradient[i] = (float)vfCoef * error * perRow;
                continue;
            }
            float change = newValue[i] - oldValue[i];
            float clippedError = oldValue[i] + Math.Clamp(change, -clip, clip) - returns[i];
            float unclippedSquare = error * error, clippedSquare = clippedError * clippedError;
            valueLoss += Math.Max(unclippedSquare, clippedSquare);
            float clippedPasses = change >= -clip && change <= clip ? 1f : 0f;
            float gradient = unclippedSquare > clippedSquare ? error
                : unclippedSquare < clippedSquare ? clippedError * clippedPasses
                : 0.5f * (error + clippedError * clippedPasses);
            valueGradient[i] = (float)vfCoef * gradient * perRow;
        }
        return new PpoLossValues((float)(policyLoss / n), (float)(0.5 * valueLoss / n), (float)(entropySum / n), (float)(approxKl / n), (float)(clipped / n));
    }
}
