using static TorchSharp.torch;

namespace HyperRL.Agents.Algorithms.Dqn;

/// <summary>
/// QR-DQN's loss (Dabney et al. 2018, eq. 10; sb3-contrib's quantile_huber_loss): with quantile midpoints
/// tau_hat_i = (2i + 1) / 2N, target quantiles T_j = r + discount * (1 - terminated) * theta'_j and u_ij = T_j - theta_i,
///     rho_i(u) = |tau_hat_i - 1{u &lt; 0}| * L_kappa(u) / kappa,  L_kappa(u) = u^2 / 2 if |u| &lt;= kappa else kappa (|u| - kappa / 2),
/// summed over the online quantiles i and averaged over the target quantiles j, per sample.
/// </summary>
public static class QuantileHuberLoss
{
    /// <summary>Per-sample loss [B] (the caller reduces: a mean, or importance-weighted).</summary>
    /// <param name="quantiles">theta_i(s, a) [B, N] of the online network at the taken actions (with gradient).</param>
    /// <param name="nextQuantiles">theta'_j(s', a*) [B, N'] of the target network at the bootstrap actions (no gradient).</param>
    /// <param name="rewards">r [B].</param>
    /// <param name="discounts">The bootstrap discount [B]: gamma, or gamma^m for an m-step return.</param>
    /// <param name="terminated">1 where s' is terminal [B].</param>
    public static Tensor PerSample(Tensor quantiles, Tensor nextQuantiles, Tensor rewards, Tensor discounts, Tensor terminated, double kappa = 1.0)
    {
        var targets = Targets(nextQuantiles, rewards, discounts, terminated);
        return PerSample(quantiles, targets, kappa);
    }

    /// <summary>T_j = r + discount * (1 - terminated) * theta'_j, [B, N'].</summary>
    public static Tensor Targets(Tensor nextQuantiles, Tensor rewards, Tensor discounts, Tensor terminated) =>
        rewards.unsqueeze(1) + (discounts * (1 - terminated)).unsqueeze(1) * nextQuantiles;

    /// <summary>The loss [B] of online quantiles [B, N] against fixed target quantiles [B, N'].</summary>
    public static Tensor PerSample(Tensor quantiles, Tensor targets, double kappa = 1.0)
    {
        var n = quantiles.shape[1];
        var tauHat = (arange(n, dtype: quantiles.dtype, device: quantiles.device) + 0.5) / n;
        var u = targets.detach().unsqueeze(1) - quantiles.unsqueeze(2); // [B, N, N']: u_ij = T_j - theta_i
        var absU = u.abs();
        var huber = where(absU <= kappa, 0.5 * u.square(), kappa * (absU - 0.5 * kappa));
        var weight = (tauHat.view(1, -1, 1) - (u.detach() < 0).to(quantiles.dtype)).abs();
        return (weight * huber / kappa).sum(1).mean([1]);
    }
}
