using HyperRL.Agents.Algorithms.Sac;
using HyperRL.Agents.Optimization;
using static TorchSharp.torch;

namespace HyperRL.Agents.Tests.Algorithms;

public sealed class SacLossTests
{
    private static Tensor T(params double[] values) => tensor(values.Select(v => (float)v).ToArray());

    private static double Value(Tensor t) => t.item<float>();

    [Test]
    public void TheCriticTargetAndLossMatchAHandComputedMinibatch()
    {
        using var scope = NewDisposeScope();
        // min(Q1', Q2') = [1.5, 3]; minus alpha log pi = [1.7, 2.9]; y = r + 0.9 (1 - d) * that = [2.53, -0.5].
        var y = SacLoss.CriticTarget(rewards: T(1, -0.5), terminated: T(0, 1), gamma: 0.9, nextQ: [T(2, 3), T(1.5, 4)],
            nextLogProb: T(-1, 0.5), alpha: T(0.2));
        Assert.That(y.data<float>().ToArray(), Is.EqualTo(new[] { 2.53f, -0.5f }).Within(1e-6));

        // 1/2 (mean((2 - 2.53)^2, (0 + 0.5)^2) + mean((3 - 2.53)^2, (-1 + 0.5)^2)) = 1/2 (0.26545 + 0.23545).
        Assert.That(Value(SacLoss.CriticLoss([T(2, 0), T(3, -1)], y)), Is.EqualTo(0.25045).Within(1e-6));
    }

    [Test]
    public void TheActorLossTakesTheSmallerCriticAndTheEntropyTerm()
    {
        using var scope = NewDisposeScope();
        // min(Q1, Q2) = [0.5, 2]: mean(0.2 * -1 - 0.5, 0.2 * -2 - 2) = mean(-0.7, -2.4).
        Assert.That(Value(SacLoss.ActorLoss(T(0.2), T(-1, -2), [T(1, 2), T(0.5, 3)])), Is.EqualTo(-1.55).Within(1e-6));
    }

    [TestCase(-1.0, -2.0, -1.0, -1.0, TestName = "entropy 1.5 above the target -1: alpha falls")]
    [TestCase(2.0, 3.0, -1.0, +1.0, TestName = "entropy -2.5 below the target -1: alpha rises")]
    public void OneStepOnTheEntropyCoefficientMovesAlphaTowardTheTargetEntropy(double logProb0, double logProb1, double targetEntropy, double direction)
    {
        using var scope = NewDisposeScope();
        var logAlpha = nn.Parameter(tensor(new[] { (float)Math.Log(0.2) }));
        var loss = SacLoss.EntropyCoefficientLoss(logAlpha, T(logProb0, logProb1), targetEntropy);
        // d loss / d log alpha = -mean(log pi + H_target).
        Assert.That(Value(loss), Is.EqualTo(-Math.Log(0.2) * ((logProb0 + logProb1) / 2 + targetEntropy)).Within(1e-5));
        using var optimizer = new FlatAdam([logAlpha], learningRate: 0.01);
        optimizer.ZeroGrad();
        loss.backward();
        optimizer.Step(double.PositiveInfinity);
        // Adam's first step moves a parameter by the learning rate in the direction opposite to its gradient.
        Assert.That(logAlpha.item<float>(), Is.EqualTo(Math.Log(0.2) + direction * 0.01).Within(1e-6));
    }
}
