using HyperRL.Agents.Algorithms.Dqn;
using static TorchSharp.torch;

namespace HyperRL.Agents.Tests.Algorithms;

/// <summary>QR-DQN's and C51's per-sample losses against small examples worked by hand.</summary>
public sealed class DistributionalLossTests
{
    private static Tensor T(params double[] values) => tensor(values.Select(v => (float)v).ToArray());

    private static Tensor Rows(int columns, params double[] values) => T(values).view(-1, columns);

    [Test]
    public void QuantileHuberLossMatchesAHandComputedExample()
    {
        using var scope = NewDisposeScope();
        // N = 3: tau_hat = 1/6, 1/2, 5/6. Sample 0: T = 1 + 0.5 * [0, 2, 4] = [1, 2, 3] against theta = [0, 1, 2]:
        //   i=0: u = 1, 2, 3 (weight 1/6; Huber 0.5, 1.5, 2.5)        -> 1/6 * 4.5 / 3 = 0.25
        //   i=1: u = 0, 1, 2 (weight 1/2; Huber 0, 0.5, 1.5)          -> 1/2 * 2 / 3   = 1/3
        //   i=2: u = -1, 0, 1 (weights 1/6, 5/6, 5/6; Huber 0.5, 0, 0.5) -> (1/12 + 5/12) / 3 = 1/6
        //   sum 0.75.
        // Sample 1 is terminal: T = r = [2, 2, 2] against theta = [0, 2, 3.5]:
        //   i=0: u = 2 (weight 1/6, Huber 1.5) -> 0.25;  i=1: u = 0 -> 0;  i=2: u = -1.5 (weight 1/6, Huber 1) -> 1/6.
        var quantiles = Rows(3, 0, 1, 2, 0, 2, 3.5);
        var next = Rows(3, 0, 2, 4, 10, 10, 10);
        var loss = QuantileHuberLoss.PerSample(quantiles, next, rewards: T(1, 2), discounts: T(0.5, 0.9), terminated: T(0, 1));
        Assert.That(loss.shape, Is.EqualTo(new long[] { 2 }));
        Assert.That(loss.data<float>().ToArray(), Is.EqualTo(new[] { 0.75f, 0.25f + 1f / 6 }).Within(1e-6));
    }

    [Test]
    public void QuantileHuberLossGradientReachesOnlyTheOnlineQuantiles()
    {
        using var scope = NewDisposeScope();
        var quantiles = Rows(3, 0, 1, 2).requires_grad_();
        var next = Rows(3, 0, 2, 4).requires_grad_();
        QuantileHuberLoss.PerSample(quantiles, next, T(1), T(0.5), T(0)).sum().backward();
        // d/dtheta_i = -mean_j weight_ij * clamp(u_ij, -1, 1): -(1/6)(1 + 1 + 1)/3, -(1/2)(0 + 1 + 1)/3, -((1/6)(-1) + 0 + (5/6)(1))/3.
        var grad = quantiles.grad!.data<float>().ToArray();
        Assert.That(grad, Is.EqualTo(new[] { -1f / 6, -1f / 3, (1f / 6 - 5f / 6) / 3 }).Within(1e-6));
        Assert.That(next.grad is null || next.grad.abs().sum().item<float>() == 0, Is.True, "targets are constants");
    }

    [Test]
    public void CategoricalProjectionSplitsMassBetweenAtomsAndClipsAtTheEdges()
    {
        using var scope = NewDisposeScope();
        // z = [-2, -1, 0, 1, 2] (delta z = 1), p' = [0.1, 0.2, 0.3, 0.2, 0.2] for every sample.
        var p = Rows(5, 0.1, 0.2, 0.3, 0.2, 0.2, 0.1, 0.2, 0.3, 0.2, 0.2, 0.1, 0.2, 0.3, 0.2, 0.2);
        var support = T(-2, -1, 0, 1, 2);
        // Sample 0: T z = 0.5 + 0.5 z = [-0.5, 0, 0.5, 1, 1.5]: atoms between (split half-half) and on atoms (kept whole):
        //   m = [0, 0.05, 0.05 + 0.2 + 0.15, 0.15 + 0.2 + 0.1, 0.1] = [0, 0.05, 0.4, 0.45, 0.1].
        // Sample 1: T z = z - 1.5 = [-3.5, -2.5, -1.5, -0.5, 0.5], clipped to -2 below:
        //   m = [0.1 + 0.2 + 0.15, 0.15 + 0.1, 0.1 + 0.1, 0.1, 0] = [0.45, 0.25, 0.2, 0.1, 0].
        // Sample 2 is terminal: T z = r = 3 for every atom, clipped to 2: m = [0, 0, 0, 0, 1].
        var rewards = T(0.5, -1.5, 3);
        var discounts = T(0.5, 1, 0.9);
        var terminated = T(0, 0, 1);
        var m = CategoricalProjectionLoss.Project(p, rewards, discounts, terminated, support, -2, 2);
        Assert.That(m.data<float>().ToArray(), Is.EqualTo(new[]
        {
            0, 0.05f, 0.4f, 0.45f, 0.1f,
            0.45f, 0.25f, 0.2f, 0.1f, 0,
            0, 0, 0, 0, 1,
        }).Within(1e-6));

        // Cross-entropy -sum_i m_i log p_i with online probabilities p = p' (logits log p').
        var logits = p.log();
        var loss = CategoricalProjectionLoss.PerSample(logits, p, rewards, discounts, terminated, support, -2, 2);
        double[] probabilities = [0.1, 0.2, 0.3, 0.2, 0.2];
        double CrossEntropy(params double[] target) => -target.Select((mi, i) => mi * Math.Log(probabilities[i])).Sum();
        Assert.That(loss.data<float>().ToArray(), Is.EqualTo(new[]
        {
            (float)CrossEntropy(0, 0.05, 0.4, 0.45, 0.1),
            (float)CrossEntropy(0.45, 0.25, 0.2, 0.1, 0),
            (float)CrossEntropy(0, 0, 0, 0, 1),
        }).Within(1e-5));
    }
}
