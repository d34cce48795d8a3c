using static TorchSharp.torch;

namespace HyperRL.Agents.Algorithms.Dqn;

/// <summary>DQN's target and loss on one minibatch (every input is [B]), with n-step discounts and importance weights.</summary>
public static class DqnLoss
{
    /// <summary>y = R + gamma^m (1 - terminated) Q_target(s', a*), gamma^m being each transition's bootstrap discount.</summary>
    public static Tensor TdTarget(Tensor rewards, Tensor discounts, Tensor terminated, Tensor targetMax) =>
        rewards + discounts * targetMax * (1 - terminated);

    /// <summary>
    /// mean_i(w_i huber(Q(s_i, a_i) - y_i)); without weights the fused mean of the Huber loss, the same value for
    /// w = 1, kept so that uniform runs stay bit-identical to the weightless loss they always used.
    /// </summary>
    public static Tensor HuberLoss(Tensor q, Tensor target, Tensor? weights) =>
        weights is null
            ? nn.functional.smooth_l1_loss(q, target)
            : Mean(nn.functional.smooth_l1_loss(q, target, reduction: nn.Reduction.None), weights);

    /// <summary>A minibatch loss from per-sample losses [B]: the mean, importance-weighted with prioritized replay.</summary>
    public static Tensor Mean(Tensor perSample, Tensor? weights) => weights is null ? perSample.mean() : (weights * perSample).mean();
}
