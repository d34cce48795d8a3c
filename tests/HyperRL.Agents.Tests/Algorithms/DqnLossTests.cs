using HyperRL.Agents.Algorithms.Dqn;
using static TorchSharp.torch;

namespace HyperRL.Agents.Tests.Algorithms;

public sealed class DqnLossTests
{
    private static Tensor T(params double[] values) => tensor(values.Select(v => (float)v).ToArray());

    [Test]
    public void TheTargetBootstrapsWithEachTransitionsOwnDiscountUnlessTerminated()
    {
        using var scope = NewDisposeScope();
        // 3-step R = 1 + 0.5 + 0.25 with gamma^3 = 0.125; a truncated 1-step one with 0.5; a terminated one: R only.
        var y = DqnLoss.TdTarget(rewards: T(1.75, 1, 1.5), discounts: T(0.125, 0.5, 0.25), terminated: T(0, 0, 1), targetMax: T(8, 4, 100));
        Assert.That(y.data<float>().ToArray(), Is.EqualTo(new[] { 1.75f + 1, 1 + 2, 1.5f }));
    }

    [Test]
    public void TheImportanceWeightedLossWeighsEachSamplesHuberLoss()
    {
        using var scope = NewDisposeScope();
        // Errors 0.5 (quadratic: 0.125) and 3 (linear: 2.5).
        var q = T(1.5, 4);
        var y = T(1, 1);
        Assert.That(DqnLoss.HuberLoss(q, y, weights: null).item<float>(), Is.EqualTo((0.125 + 2.5) / 2).Within(1e-6));
        Assert.That(DqnLoss.HuberLoss(q, y, T(1, 0.2)).item<float>(), Is.EqualTo((0.125 + 0.2 * 2.5) / 2).Within(1e-6));
        Assert.That(DqnLoss.HuberLoss(q, y, T(1, 1)).item<float>(), Is.EqualTo(DqnLoss.HuberLoss(q, y, null).item<float>()), "w = 1 is the plain loss");
    }
}
