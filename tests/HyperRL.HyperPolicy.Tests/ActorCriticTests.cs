using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

public sealed class ActorCriticTests
{
    private static IEnumerable<TestCaseData> AllConditionings()
    {
        foreach (var conditioning in new[] { ConditioningKind.Mlp, ConditioningKind.Concat, ConditioningKind.Film, ConditioningKind.Hyper })
            foreach (var shared in new[] { false, true })
                yield return new TestCaseData(conditioning, shared);
    }

    [TestCaseSource(nameof(AllConditionings))]
    public void DiscreteShapesAndDtypes(ConditioningKind conditioning, bool sharedTrunk)
    {
        manual_seed(16);
        using var policy = ActorCritic.Create(TestShapes.Hyper() with { Conditioning = conditioning, SharedTrunk = sharedTrunk }, TestShapes.Discrete);
        using var scope = NewDisposeScope();
        var obs = randn(7, 5);
        var desc = TestShapes.Descriptors(TestShapes.Discrete, 7);
        var output = policy.Act(obs, desc, deterministic: false);
        Assert.That(output.Action.shape, Is.EqualTo(new long[] { 7 }));
        Assert.That(output.Action.dtype, Is.EqualTo(ScalarType.Int64));
        Assert.That(output.LogProb.shape, Is.EqualTo(new long[] { 7 }));
        Assert.That(output.Value.shape, Is.EqualTo(new long[] { 7 }));
        var evaluation = policy.Evaluate(obs, desc, output.Action);
        Assert.That(evaluation.LogProb.allclose(output.LogProb, rtol: 1e-5, atol: 1e-6), Is.True);
        Assert.That(evaluation.Entropy.shape, Is.EqualTo(new long[] { 7 }));
        Assert.That(evaluation.Value.allclose(output.Value, rtol: 1e-5, atol: 1e-6), Is.True);
        Assert.That(policy.Value(obs, desc[0]).shape, Is.EqualTo(new long[] { 7 }));
    }

    [TestCase(HeadKind.Gaussian, LogStdKind.StateIndependent)]
    [TestCase(HeadKind.TanhGaussian, LogStdKind.StateDependent)]
    public void ContinuousShapesAndDtypes(HeadKind head, LogStdKind logStd)
    {
        manual_seed(17);
        using var policy = ActorCritic.Create(TestShapes.Hyper() with { Head = head, LogStd = logStd }, TestShapes.Continuous);
        using var scope = NewDisposeScope();
        var output = policy.Act(randn(7, 5), TestShapes.Descriptors(TestShapes.Continuous, 7), deterministic: false);
        Assert.That(output.Action.shape, Is.EqualTo(new long[] { 7, 2 }));
        Assert.That(output.Action.dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(output.LogProb.shape, Is.EqualTo(new long[] { 7 }));
    }

    [Test]
    public void QNetworkShapesForEveryConditioning()
    {
        foreach (var conditioning in new[] { ConditioningKind.Mlp, ConditioningKind.Concat, ConditioningKind.Film, ConditioningKind.Hyper })
        {
            manual_seed(18);
            using var network = QNetwork.Create(TestShapes.Hyper() with { Conditioning = conditioning, Head = HeadKind.Dueling }, TestShapes.Discrete);
            using var scope = NewDisposeScope();
            Assert.That(network.QValues(randn(7, 5), TestShapes.Descriptors(TestShapes.Discrete, 7)).shape, Is.EqualTo(new long[] { 7, 3 }), conditioning.ToString());
        }
    }

    [Test]
    public void SameSeedGivesSameNetworkAndSamples()
    {
        float[] Run()
        {
            manual_seed(19);
            using var policy = ActorCritic.Create(TestShapes.Hyper(HyperKind.Chunked) with { Head = HeadKind.Gaussian }, TestShapes.Continuous);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var obs = randn(5, 5);
            var desc = TestShapes.Descriptors(TestShapes.Continuous, 5);
            var output = policy.Act(obs, desc, deterministic: false);
            return TestShapes.Values(output.Action).Concat(TestShapes.Values(output.LogProb)).Concat(TestShapes.Values(output.Value)).ToArray();
        }

        Assert.That(Run(), Is.EqualTo(Run()));
    }

    [Test]
    public void WrongInputShapesAreClearErrors()
    {
        manual_seed(20);
        using var policy = ActorCritic.Create(TestShapes.Hyper(), TestShapes.Discrete);
        using var scope = NewDisposeScope();
        Assert.That(() => policy.Act(randn(4, 6), zeros(4, 3), true), Throws.ArgumentException.With.Message.Contains("observations must be [batch, 5]"));
        Assert.That(() => policy.Act(randn(4, 5), zeros(4, 2), true), Throws.ArgumentException.With.Message.Contains("descriptors must be [3] (shared) or [4, 3]"));
    }

    [Test]
    public void FilmStartsAsTheUnconditionedNetwork()
    {
        manual_seed(21);
        using var policy = ActorCritic.Create(TestShapes.Hyper() with { Conditioning = ConditioningKind.Film }, TestShapes.Discrete);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var obs = randn(16, 5);
        var a = policy.Value(obs, tensor(new[] { 0f, -1f, 10f }));
        var b = policy.Value(obs, tensor(new[] { 1f, 1f, 20f }));
        Assert.That((a - b).abs().max().item<float>(), Is.LessThan(0.1f * a.abs().max().item<float>() + 1e-3f));
    }
}
