using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Algorithms.Ppo;

/// <summary>The terms of PPO's loss on one minibatch, plus the diagnostics logged per update.</summary>
public sealed record PpoLossTerms(Tensor Loss, Tensor PolicyLoss, Tensor ValueLoss, Tensor Entropy, Tensor ApproxKl, Tensor ClipFraction);

/// <summary>
/// PPO's clipped surrogate objective (Schulman et al. 2017, eq. 7) with optional value clipping and an entropy
/// bonus, exactly as CleanRL's ppo.py computes it. All inputs are [B] tensors.
/// </summary>
public static class PpoLoss
{
    public static PpoLossTerms Compute(
        Tensor newLogProb, Tensor oldLogProb, Tensor advantages, Tensor entropy,
        Tensor newValue, Tensor oldValue, Tensor returns,
        double clipCoef, bool clipValueLoss, double entCoef, double vfCoef, bool normalizeAdvantages)
    {
        var logRatio = newLogProb - oldLogProb;
        var ratio = logRatio.exp();
        Tensor approxKl, clipFraction;
        using (no_grad())
        {
            // http://joschu.net/blog/kl-approx.html: unbiased, low-variance estimator k3.
            approxKl = ((ratio - 1) - logRatio).mean();
            clipFraction = (ratio - 1.0).abs().gt(clipCoef).to_type(ScalarType.Float32).mean();
        }

        var mbAdvantages = advantages;
        if (normalizeAdvantages && advantages.shape[0] > 1)
            mbAdvantages = (advantages - advantages.mean()) / (advantages.std() + 1e-8);

        var pgLoss1 = -mbAdvantages * ratio;
        var pgLoss2 = -mbAdvantages * ratio.clamp(1 - clipCoef, 1 + clipCoef);
        var policyLoss = maximum(pgLoss1, pgLoss2).mean();

        Tensor valueLoss;
        if (clipValueLoss)
        {
            var unclipped = (newValue - returns).square();
            var clippedValue = oldValue + (newValue - oldValue).clamp(-clipCoef, clipCoef);
            var clipped = (clippedValue - returns).square();
            valueLoss = 0.5 * maximum(unclipped, clipped).mean();
        }
        else
        {
            valueLoss = 0.5 * (newValue - returns).square().mean();
        }

        var entropyMean = entropy.mean();
        var loss = policyLoss - entCoef * entropyMean + vfCoef * valueLoss;
        return new PpoLossTerms(loss, policyLoss, valueLoss, entropyMean, approxKl, clipFraction);
    }
}
