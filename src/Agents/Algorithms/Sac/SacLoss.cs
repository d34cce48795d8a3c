using static TorchSharp.torch;

namespace HyperRL.Agents.Algorithms.Sac;

/// <summary>
/// SAC's objectives on one minibatch, as Stable-Baselines3's SAC.train computes them (Haarnoja et al. 2018, eqs. 5, 7
/// and 18 with clipped double Q; 2018b for the entropy coefficient). Every input is [B] unless said otherwise.
/// </summary>
public static class SacLoss
{
    /// <summary>y = r + gamma (1 - terminated) (min_k Q_target_k(s', a') - alpha log pi(a'|s')).</summary>
    public static Tensor CriticTarget(Tensor rewards, Tensor terminated, double gamma, Tensor[] nextQ, Tensor nextLogProb, Tensor alpha) =>
        rewards + gamma * (1 - terminated) * (Minimum(nextQ) - alpha * nextLogProb);

    /// <summary>1/2 sum_k mean((Q_k(s, a) - y)^2).</summary>
    public static Tensor CriticLoss(Tensor[] q, Tensor target) =>
        q.Select(qk => nn.functional.mse_loss(qk, target)).Aggregate((sum, term) => sum + term) * 0.5;

    /// <summary>mean(alpha log pi(a~|s) - min_k Q_k(s, a~)), a~ the reparameterized action.</summary>
    public static Tensor ActorLoss(Tensor alpha, Tensor logProb, Tensor[] q) => (alpha * logProb - Minimum(q)).mean();

    /// <summary>-mean(log alpha (log pi(a~|s) + H_target)), with the log-probabilities treated as constants: the
    /// coefficient rises while the policy's entropy is below the target and falls while above.</summary>
    public static Tensor EntropyCoefficientLoss(Tensor logAlpha, Tensor logProb, double targetEntropy) =>
        -(logAlpha * (logProb.detach() + targetEntropy)).mean();

    public static Tensor Minimum(Tensor[] values)
    {
        var result = values[0];
        for (int k = 1; k < values.Length; k++) result = minimum(result, values[k]);
        return result;
    }
}
