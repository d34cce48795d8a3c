using static TorchSharp.torch;

namespace HyperRL.Agents.Algorithms.Dqn;

/// <summary>
/// C51's loss (Bellemare et al. 2017, Algorithm 1; CleanRL's c51.py): the target distribution, atoms
/// T z_j = r + discount * (1 - terminated) * z_j clipped to [v_min, v_max] with probabilities p'_j(s', a*), is projected
/// onto the support z (each atom's mass split between its two neighbours by distance), and the loss is the cross-entropy
/// -sum_i m_i log p_i(s, a) of the online distribution against that projection m.
/// </summary>
public static class CategoricalProjectionLoss
{
    /// <summary>Per-sample cross-entropy [B] (the caller reduces: a mean, or importance-weighted).</summary>
    /// <param name="logits">Online logits at the taken actions [B, K] (with gradient).</param>
    /// <param name="nextProbabilities">p'_j(s', a*) [B, K] of the target network at the bootstrap actions (no gradient).</param>
    /// <param name="rewards">r [B].</param>
    /// <param name="discounts">The bootstrap discount [B]: gamma, or gamma^m for an m-step return.</param>
    /// <param name="terminated">1 where s' is terminal [B].</param>
    /// <param name="support">z_j [K], evenly spaced from <paramref name="vMin"/> to <paramref name="vMax"/> (passed as
    /// numbers too, so that nothing is read back from the device).</param>
    public static Tensor PerSample(Tensor logits, Tensor nextProbabilities, Tensor rewards, Tensor discounts, Tensor terminated,
        Tensor support, float vMin, float vMax)
    {
        var m = Project(nextProbabilities, rewards, discounts, terminated, support, vMin, vMax);
        return -(m * logits.log_softmax(-1)).sum(-1);
    }

    /// <summary>The projection m [B, K] of the bootstrapped distribution onto <paramref name="support"/> (no gradient).</summary>
    public static Tensor Project(Tensor nextProbabilities, Tensor rewards, Tensor discounts, Tensor terminated,
        Tensor support, float vMin, float vMax)
    {
        using var noGrad = no_grad();
        var k = support.shape[0];
        var batch = nextProbabilities.shape[0];
        var deltaZ = (vMax - vMin) / (k - 1);
        var tz = (rewards.unsqueeze(1) + (discounts * (1 - terminated)).unsqueeze(1) * support.unsqueeze(0)).clamp(vMin, vMax);
        var b = (tz - vMin) / deltaZ;                         // fractional index of T z_j on the support
        var l = b.floor().clamp(0, k - 1);
        var u = b.ceil().clamp(0, k - 1);
        // Where T z_j lands exactly on an atom, l == u and all of p'_j goes to it.
        var massLower = (u + (l == u).to(b.dtype) - b) * nextProbabilities;
        var massUpper = (b - l) * nextProbabilities;
        var offsets = (arange(batch, device: support.device) * k).unsqueeze(1);
        var m = zeros(batch * k, dtype: nextProbabilities.dtype, device: support.device);
        m.index_add_(0, (l.to(ScalarType.Int64) + offsets).view(-1), massLower.view(-1), 1);
        m.index_add_(0, (u.to(ScalarType.Int64) + offsets).view(-1), massUpper.view(-1), 1);
        return m.view(batch, k);
    }
}
