using HyperRL.HyperPolicy.Conditioning;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

public sealed class GeneratedWeightCacheTests
{
    [Test]
    public void SameDescriptorUnderNoGradHitsTheCache()
    {
        manual_seed(7);
        using var policy = ActorCritic.Create(TestShapes.Hyper(), TestShapes.Discrete);
        var cache = ((HyperConditionedNetwork)policy.ActorNetwork).Cache;
        using var scope = NewDisposeScope();
        var desc = tensor(new[] { 0.5f, 0f, 15f });
        using (no_grad())
        {
            var first = policy.Act(randn(4, 5), desc, deterministic: true);
            var second = policy.Act(randn(4, 5), desc, deterministic: true);
            var perRow = policy.Act(randn(4, 5), desc.unsqueeze(0).expand(4, -1), deterministic: true);
        }
        Assert.That(cache.Misses, Is.EqualTo(1));
        Assert.That(cache.Hits, Is.EqualTo(2));

        // Per-row batches: one generation per distinct descriptor, later batches reuse them.
        using (no_grad())
        {
            var two = TestShapes.Descriptors(TestShapes.Discrete, 2).index_select(0, tensor(new long[] { 0, 1, 1, 0 }));
            policy.Act(randn(4, 5), two, deterministic: true);
            policy.Act(randn(4, 5), two, deterministic: true);
        }
        Assert.That(cache.Misses, Is.EqualTo(3));
        Assert.That(cache.Hits, Is.EqualTo(4));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void AfterAnOptimizerStepTheNextCallUsesNewWeights(bool noGradForwardBetweenBackwardAndStep)
    {
        manual_seed(8);
        using var policy = ActorCritic.Create(TestShapes.Hyper(), TestShapes.Discrete);
        var optimizer = optim.Adam(policy.parameters(), lr: 1e-2);
        using var scope = NewDisposeScope();
        var desc = tensor(new[] { 0.5f, 0f, 15f });
        var obs = randn(32, 5);
        Tensor before;
        using (no_grad()) before = policy.Value(obs, desc).clone();

        var evaluation = policy.Evaluate(obs, desc, randint(3, [32], dtype: ScalarType.Int64));
        (evaluation.Value - 10).square().mean().backward();
        // The hole a 'clear on gradient forward' rule alone would leave: a no-grad call refills the cache before the step.
        if (noGradForwardBetweenBackwardAndStep)
            using (no_grad()) policy.Value(obs, desc);
        optimizer.step();

        Tensor cached;
        using (no_grad()) cached = policy.Value(obs, desc);
        policy.InvalidateGeneratedWeights();
        Tensor fresh;
        using (no_grad()) fresh = policy.Value(obs, desc);
        Assert.That(cached.allclose(before), Is.False, "weights did not change after the step");
        Assert.That(cached.allclose(fresh, rtol: 0, atol: 0), Is.True, "cache served stale weights");
    }

    [Test]
    public void CopyFromInvalidatesTargetCache()
    {
        manual_seed(9);
        var spec = TestShapes.Hyper() with { Head = HeadKind.Q };
        using var online = QNetwork.Create(spec, TestShapes.Discrete);
        using var target = QNetwork.Create(spec, TestShapes.Discrete);
        using var scope = NewDisposeScope();
        var desc = tensor(new[] { 0.5f, 0f, 15f });
        var obs = randn(4, 5);
        using (no_grad())
        {
            target.QValues(obs, desc);
            target.CopyFrom(online);
            Assert.That(target.QValues(obs, desc).allclose(online.QValues(obs, desc), rtol: 0, atol: 0), Is.True);
        }
    }
}
