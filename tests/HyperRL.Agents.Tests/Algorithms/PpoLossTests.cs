using HyperRL.Agents.Algorithms.Ppo;
using static TorchSharp.torch;

namespace HyperRL.Agents.Tests;

public sealed class PpoLossTests
{
    [Test]
    public void MatchesAHandComputedMinibatch()
    {
        using var scope = NewDisposeScope();
        double[] newLogp = { -0.5, -1.2 };
        double[] oldLogp = { -0.6, -0.8 };
        double[] adv = { 1.0, -2.0 };
        double[] ent = { 0.7, 0.5 };
        double[] newV = { 1.0, 2.0 };
        double[] oldV = { 0.5, 2.5 };
        double[] ret = { 1.5, 1.0 };
        const double clip = 0.2, entCoef = 0.01, vfCoef = 0.5;

        var terms = PpoLoss.Compute(T(newLogp), T(oldLogp), T(adv), T(ent), T(newV), T(oldV), T(ret),
            clip, clipValueLoss: true, entCoef, vfCoef, normalizeAdvantages: false);

        // By hand: r0 = e^0.1 (inside the clip range), r1 = e^-0.4 = 0.670 (clipped to 0.8; with A < 0 the clipped
        // term -A * 0.8 = 1.6 is the larger, so it is the one taken).
        double r0 = Math.Exp(0.1), r1 = Math.Exp(-0.4);
        double policy = (Math.Max(-1.0 * r0, -1.0 * Math.Clamp(r0, 0.8, 1.2)) + Math.Max(2.0 * r1, 2.0 * 0.8)) / 2;
        Assert.That(policy, Is.EqualTo((-r0 + 1.6) / 2).Within(1e-12), "the clipped branch is active for sample 1");
        // Value clipping: V_clip = V_old + clamp(V - V_old, -0.2, 0.2) -> 0.7 and 2.3; take the larger squared error.
        double value = 0.5 * (Math.Max(0.25, 0.64) + Math.Max(1.0, 1.69)) / 2;
        double entropy = 0.6;
        double loss = policy - entCoef * entropy + vfCoef * value;
        double kl = ((r0 - 1 - 0.1) + (r1 - 1 + 0.4)) / 2;

        Assert.That(terms.PolicyLoss.item<float>(), Is.EqualTo(policy).Within(1e-5));
        Assert.That(terms.ValueLoss.item<float>(), Is.EqualTo(value).Within(1e-5));
        Assert.That(terms.Entropy.item<float>(), Is.EqualTo(entropy).Within(1e-6));
        Assert.That(terms.Loss.item<float>(), Is.EqualTo(loss).Within(1e-5));
        Assert.That(terms.ApproxKl.item<float>(), Is.EqualTo(kl).Within(1e-6));
        Assert.That(terms.ClipFraction.item<float>(), Is.EqualTo(0.5f), "only sample 1 is outside [0.8, 1.2]");
    }

    [Test]
    public void NormalizesAdvantagesPerMinibatch()
    {
        using var scope = NewDisposeScope();
        var zeros = T(new double[] { 0, 0, 0 });
        // With ratio 1 the policy loss is -mean(normalized A) = 0 whatever the scale of A.
        var terms = PpoLoss.Compute(zeros, zeros, T(new double[] { 10, 20, 30 }), zeros, zeros, zeros, zeros,
            0.2, false, 0, 0.5, normalizeAdvantages: true);
        Assert.That(terms.PolicyLoss.item<float>(), Is.EqualTo(0f).Within(1e-6f));
        var raw = PpoLoss.Compute(zeros, zeros, T(new double[] { 10, 20, 30 }), zeros, zeros, zeros, zeros,
            0.2, false, 0, 0.5, normalizeAdvantages: false);
        Assert.That(raw.PolicyLoss.item<float>(), Is.EqualTo(-20f).Within(1e-5f));
    }

    [Test]
    public void GradientFlowsOnlyThroughTheUnclippedBranch()
    {
        using var scope = NewDisposeScope();
        var newLogp = tensor(new float[] { 0.5f, 0f }, requires_grad: true);
        var zeros = zeros_like(newLogp);
        // Sample 0 has ratio e^0.5 > 1.2 with A > 0: clipped, no gradient. Sample 1 has ratio 1: gradient -A/2.
        var terms = PpoLoss.Compute(newLogp, zeros, tensor(new float[] { 1f, 1f }), zeros, zeros, zeros, zeros,
            0.2, false, 0, 0, normalizeAdvantages: false);
        terms.Loss.backward();
        var grad = newLogp.grad!.data<float>().ToArray();
        Assert.That(grad[0], Is.EqualTo(0f));
        Assert.That(grad[1], Is.EqualTo(-0.5f).Within(1e-6f));
    }

    private static Tensor T(double[] values) => tensor(values.Select(v => (float)v).ToArray());
}
