using HyperRL.HyperPolicy.Heads;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

/// <summary>Log-probs and entropies against closed forms computed by hand here, not with torch distributions.</summary>
public sealed class HeadTests
{
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    [Test]
    public void CategoricalLogProbAndEntropy()
    {
        using var head = new CategoricalHead(3);
        using var scope = NewDisposeScope();
        double[][] logits = [[1.0, 2.0, 0.5], [-1.0, 0.0, 3.0]];
        var raw = tensor(logits.SelectMany(r => r.Select(v => (float)v)).ToArray(), [2, 3]);
        long[] actions = [1, 0];
        var logProb = TestShapes.Values(head.LogProb(raw, tensor(actions)));
        var entropy = TestShapes.Values(head.Entropy(raw));
        for (var row = 0; row < 2; row++)
        {
            var logSumExp = Math.Log(logits[row].Sum(Math.Exp));
            var p = logits[row].Select(l => Math.Exp(l - logSumExp)).ToArray();
            Assert.That(logProb[row], Is.EqualTo(logits[row][actions[row]] - logSumExp).Within(1e-5));
            Assert.That(entropy[row], Is.EqualTo(-p.Sum(pi => pi * Math.Log(pi))).Within(1e-5));
        }
    }

    [Test]
    public void CategoricalSamplesMatchTheDistribution()
    {
        manual_seed(10);
        using var head = new CategoricalHead(3);
        using var scope = NewDisposeScope();
        var raw = tensor(new[] { 0f, (float)Math.Log(2), (float)Math.Log(7) }).unsqueeze(0).expand(20000, -1);
        var (action, _) = head.Sample(raw, deterministic: false);
        var counts = action.bincount(null, 3).to(ScalarType.Float32) / 20000f;
        Assert.That(TestShapes.Values(counts), Is.EqualTo(new[] { 0.1f, 0.2f, 0.7f }).Within(0.015f));
        Assert.That(head.Sample(raw, deterministic: true).Action[0].item<long>(), Is.EqualTo(2));
    }

    [TestCase(LogStdKind.StateIndependent)]
    [TestCase(LogStdKind.StateDependent)]
    public void GaussianLogProbAndEntropy(LogStdKind kind)
    {
        using var head = new DiagonalGaussianHead(2, kind, logStdInit: -0.5f);
        using var scope = NewDisposeScope();
        double[] mean = [0.3, -1.2];
        double[] rawLogStd = [0.2, -0.7];
        double[] logStd = kind == LogStdKind.StateIndependent ? [-0.5, -0.5] : rawLogStd.Select(v => v - 0.5).ToArray();
        var rawValues = kind == LogStdKind.StateIndependent ? mean : mean.Concat(rawLogStd).ToArray();
        var raw = tensor(rawValues.Select(v => (float)v).ToArray()).unsqueeze(0);
        double[] action = [1.0, -0.4];
        var logProb = head.LogProb(raw, tensor(action.Select(v => (float)v).ToArray()).unsqueeze(0)).item<float>();
        var expected = Enumerable.Range(0, 2).Sum(i =>
        {
            var std = Math.Exp(logStd[i]);
            var z = (action[i] - mean[i]) / std;
            return -0.5 * z * z - Math.Log(std) - HalfLogTwoPi;
        });
        Assert.That(logProb, Is.EqualTo(expected).Within(1e-5));
        Assert.That(head.Entropy(raw).item<float>(), Is.EqualTo(logStd.Sum(l => 0.5 + HalfLogTwoPi + l)).Within(1e-5));

        var (mode, _) = head.Sample(raw, deterministic: true);
        Assert.That(TestShapes.Values(mode), Is.EqualTo(mean.Select(v => (float)v).ToArray()).Within(1e-6f));
    }

    [Test]
    public void TanhGaussianLogProbIncludesSquashAndRescaleCorrection()
    {
        float[] low = [-2f, 0f], high = [2f, 1f];
        using var head = new TanhGaussianHead(2, LogStdKind.StateDependent, logStdInit: 0f, low, high);
        using var scope = NewDisposeScope();
        double[] mean = [0.3, -0.2], logStd = [-0.3, 0.1];
        var raw = tensor(mean.Concat(logStd).Select(v => (float)v).ToArray()).unsqueeze(0);
        double[] u = [0.7, -1.1];
        var action = Enumerable.Range(0, 2).Select(i => (low[i] + high[i]) / 2.0 + (high[i] - low[i]) / 2.0 * Math.Tanh(u[i])).ToArray();
        var expected = Enumerable.Range(0, 2).Sum(i =>
        {
            var std = Math.Exp(logStd[i]);
            var z = (u[i] - mean[i]) / std;
            var gaussian = -0.5 * z * z - logStd[i] - HalfLogTwoPi;
            var t = Math.Tanh(u[i]);
            return gaussian - Math.Log((high[i] - low[i]) / 2.0 * (1 - t * t));
        });
        var logProb = head.LogProb(raw, tensor(action.Select(v => (float)v).ToArray()).unsqueeze(0)).item<float>();
        Assert.That(logProb, Is.EqualTo(expected).Within(1e-4));

        // Samples stay within bounds and their reported log-prob equals LogProb of the same action.
        manual_seed(11);
        var many = raw.expand(1000, -1);
        var (sampled, sampledLogProb) = head.Sample(many, deterministic: false);
        var values = TestShapes.Values(sampled);
        for (var i = 0; i < values.Length; i++)
            Assert.That(values[i], Is.InRange(low[i % 2], high[i % 2]));
        Assert.That(head.LogProb(many, sampled).allclose(sampledLogProb, rtol: 1e-3, atol: 1e-3), Is.True);
    }

    [Test]
    public void DuelingCombinesValueAndMeanCenteredAdvantage()
    {
        var head = new DuelingQHead(3);
        using var scope = NewDisposeScope();
        var raw = tensor(new[] { 2f, 1f, 4f, -2f }).unsqueeze(0); // V = 2, A = [1, 4, -2], mean(A) = 1
        Assert.That(TestShapes.Values(head.QValues(raw)), Is.EqualTo(new[] { 2f, 5f, -1f }).Within(1e-6f));
    }
}
