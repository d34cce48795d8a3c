using HyperRL.HyperPolicy.Conditioning;
using HyperRL.HyperPolicy.MainNetworks;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

public sealed class HypernetworkTests
{
    private static HyperConditionedNetwork Actor(ActorCritic policy) => (HyperConditionedNetwork)policy.ActorNetwork;

    [TestCase(HyperKind.Full, null)]
    [TestCase(HyperKind.Chunked, null)]
    [TestCase(HyperKind.LowRank, null)]
    [TestCase(HyperKind.Full, 1)]
    [TestCase(HyperKind.Full, null, true)]
    [TestCase(HyperKind.LowRank, 1, true)]
    public void GradientsReachEveryParameter(HyperKind kind, int? generatedLayers, bool concatInput = false)
    {
        manual_seed(3);
        var spec = TestShapes.Hyper(kind);
        spec = spec with { Hyper = spec.Hyper with { GeneratedLayers = generatedLayers, ConcatInput = concatInput } };
        using var policy = ActorCritic.Create(spec, TestShapes.Discrete);
        using var scope = NewDisposeScope();
        var desc = TestShapes.Descriptors(TestShapes.Discrete, 16);
        var evaluation = policy.Evaluate(randn(16, 5), desc, randint(3, [16], dtype: ScalarType.Int64));
        (evaluation.LogProb.mean() + evaluation.Value.square().mean() + evaluation.Entropy.mean()).backward();
        foreach (var (name, parameter) in policy.named_parameters())
        {
            Assert.That(parameter.grad, Is.Not.Null, name);
            Assert.That(parameter.grad!.abs().sum().item<float>(), Is.GreaterThan(0f), name);
        }
    }

    /// <summary>
    /// 'hyper + concat': with the hypernetwork's output weights zeroed, the generated weights are the output bias, the
    /// same for every descriptor; the descriptor then still reaches the output through the main network's input, and
    /// without the option it does not reach it at all.
    /// </summary>
    [TestCase(HyperKind.Full, true)]
    [TestCase(HyperKind.Full, false)]
    [TestCase(HyperKind.Chunked, true)]
    [TestCase(HyperKind.Chunked, false)]
    [TestCase(HyperKind.LowRank, true)]
    [TestCase(HyperKind.LowRank, false)]
    public void WithConstantGeneratedWeightsOnlyConcatInputLetsTheDescriptorChangeTheOutput(HyperKind kind, bool concatInput)
    {
        manual_seed(5);
        var spec = TestShapes.Hyper(kind) with { Activation = ActivationKind.Relu };
        using var policy = ActorCritic.Create(concatInput ? TestShapes.ConcatInput(spec) : spec, TestShapes.Discrete);
        var network = Actor(policy);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, parameter) in network.Generator.named_parameters())
        {
            if (name == "output_weight") parameter.zero_();
            if (name == "output_bias") parameter.copy_(randn(parameter.shape) * 0.5f);
        }
        network.InvalidateGeneratedWeights();
        var a = tensor(new[] { 0.1f, -0.9f, 11f });
        var b = tensor(new[] { 0.9f, 0.8f, 19f });
        var weightsA = network.SharedWeights(a, cacheable: false);
        var weightsB = network.SharedWeights(b, cacheable: false);
        Assert.That(weightsA[0].Weight.shape[0], Is.EqualTo(concatInput ? 5 + 3 : 5), "the first layer's input");
        for (var layer = 0; layer < weightsA.Count; layer++)
            Assert.That(weightsA[layer].Weight.allclose(weightsB[layer].Weight, rtol: 0, atol: 0), Is.True, $"constant generated weights, layer {layer}");

        var obs = randn(64, 5);
        foreach (var perRow in new[] { false, true })
        {
            Tensor Desc(Tensor d) => perRow ? d.unsqueeze(0).expand(64, -1).contiguous() : d;
            var outputA = cat(network.ForwardEach(obs, Desc(a)), 1);
            var outputB = cat(network.ForwardEach(obs, Desc(b)), 1);
            Assert.That(outputA.allclose(outputB, rtol: 0, atol: 1e-6), Is.EqualTo(!concatInput), $"perRow={perRow}");
            // Mixed rows (the multi-descriptor path): each row as it is with its own descriptor alone.
            var mixed = cat(network.ForwardEach(obs, stack(Enumerable.Range(0, 64).Select(i => i % 2 == 0 ? a : b).ToArray())), 1);
            var expected = cat(Enumerable.Range(0, 64).Select(i => (i % 2 == 0 ? outputA : outputB)[i].unsqueeze(0)).ToArray(), 0);
            Assert.That(mixed.allclose(expected, rtol: 1e-5, atol: 1e-6), Is.True, $"mixed rows, perRow={perRow}");
        }
        var snapshotA = network.EffectiveLayersEach(a);
        var snapshotB = network.EffectiveLayersEach(b);
        Assert.That(snapshotA[0][0].Weight.shape[0], Is.EqualTo(5), "the snapshot acts on observations alone");
        Assert.That(snapshotA[0][0].Bias.allclose(snapshotB[0][0].Bias, rtol: 0, atol: 1e-7), Is.EqualTo(!concatInput), "the descriptor folded into the first bias");
    }

    [TestCase(HyperKind.Full)]
    [TestCase(HyperKind.Chunked)]
    [TestCase(HyperKind.LowRank)]
    public void DifferentDescriptorsGiveDifferentWeightsAndActions(HyperKind kind)
    {
        manual_seed(4);
        using var policy = ActorCritic.Create(TestShapes.Hyper(kind), TestShapes.Discrete);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var a = tensor(new[] { 0.1f, -0.9f, 11f });
        var b = tensor(new[] { 0.9f, 0.8f, 19f });
        var weightsA = Actor(policy).SharedWeights(a, cacheable: false);
        var weightsB = Actor(policy).SharedWeights(b, cacheable: false);
        for (var layer = 0; layer < weightsA.Count; layer++)
            Assert.That(weightsA[layer].Weight.allclose(weightsB[layer].Weight), Is.False, $"layer {layer}");

        // Deterministic actions over many observations: the two tasks must disagree somewhere.
        var obs = randn(256, 5) * 3;
        var actionsA = policy.Act(obs, a, deterministic: true).Action;
        var actionsB = policy.Act(obs, b, deterministic: true).Action;
        Assert.That(actionsA.ne(actionsB).any().item<bool>(), Is.True);
    }

    [Test]
    public void ChunkedHasFewerParametersThanFull()
    {
        manual_seed(5);
        var spec = TestShapes.Hyper() with { Hidden = [64, 64] };
        using var full = ActorCritic.Create(spec, TestShapes.Discrete);
        using var chunked = ActorCritic.Create(spec with { Hyper = spec.Hyper with { Kind = HyperKind.Chunked } }, TestShapes.Discrete);
        using var lowRank = ActorCritic.Create(spec with { Hyper = spec.Hyper with { Kind = HyperKind.LowRank } }, TestShapes.Discrete);
        var fullGenerator = Actor(full).Generator;
        Assert.That(Actor(chunked).Generator.Layers.Sum(l => l.ParameterCount), Is.EqualTo(fullGenerator.Layers.Sum(l => l.ParameterCount)));
        Assert.That(Count(Actor(chunked).Generator), Is.LessThan(Count(fullGenerator) / 2));
        Assert.That(Count(Actor(lowRank).Generator), Is.LessThan(Count(fullGenerator)));
        Assert.That(chunked.ParameterCount, Is.LessThan(full.ParameterCount));
    }

    private static long Count(nn.Module module) => module.parameters().Sum(p => p.numel());

    /// <summary>
    /// Mean squared generated weight (over 512 descriptors, all entries of a layer and 4 independent inits) against the
    /// target variance of that layer: the init is right in expectation over its random draws, and a low-rank product
    /// of a few random factors is noisy from one draw to the next. Tolerance: within ±30% for layers with >= 1000
    /// weights, within a factor 2 for smaller ones.
    /// </summary>
    [TestCase(HyperKind.Full, HyperInit.HyperfanIn)]
    [TestCase(HyperKind.Full, HyperInit.HyperfanOut)]
    [TestCase(HyperKind.Full, HyperInit.Bias)]
    [TestCase(HyperKind.Chunked, HyperInit.HyperfanIn)]
    [TestCase(HyperKind.LowRank, HyperInit.HyperfanIn)]
    [TestCase(HyperKind.LowRank, HyperInit.HyperfanOut)]
    public void GeneratedWeightVarianceMatchesTargetAtInit(HyperKind kind, HyperInit init)
    {
        const int inits = 4;
        var spec = TestShapes.Hyper(kind, init) with { Hidden = [64, 64] };
        double[]? measured = null;
        IReadOnlyList<MainLayerShape>? shapes = null;
        for (var draw = 0; draw < inits; draw++)
        {
            manual_seed(6 + draw);
            using var policy = ActorCritic.Create(spec, TestShapes.Discrete);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var network = Actor(policy);
            shapes = network.Generator.Layers;
            measured ??= new double[shapes.Count];
            var layers = network.Generator.Generate(rand(512, 3) * 2 - 1);
            for (var i = 0; i < layers.Count; i++) measured[i] += layers[i].Weight.square().mean().item<float>() / inits;
        }
        for (var i = 0; i < shapes!.Count; i++)
        {
            var shape = shapes[i];
            var target = Enumerable.Range(0, shape.Out).Average(j => MainLayerInit.TargetVariance(shape, j, init, orthogonal: true));
            var ratio = measured![i] / target;
            var (low, high) = shape.WeightCount >= 1000 ? (0.7, 1.3) : (0.5, 2.0);
            TestContext.Out.WriteLine($"{kind}/{init} layer {i} [{shape.In}x{shape.Out}]: measured {measured[i]:G4} target {target:G4} ratio {ratio:F3}");
            Assert.That(ratio, Is.InRange(low, high), $"layer {i}");
        }
    }
}
