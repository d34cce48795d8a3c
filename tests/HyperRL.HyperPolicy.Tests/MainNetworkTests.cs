using HyperRL.HyperPolicy.Conditioning;
using HyperRL.HyperPolicy.MainNetworks;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

public sealed class MainNetworkTests
{
    [Test]
    public void SharedAndBatchedWeightsGiveIdenticalOutputs()
    {
        manual_seed(1);
        using var scope = NewDisposeScope();
        var layers = new[] { new LayerWeights(randn(5, 7), randn(7)), new LayerWeights(randn(7, 2), randn(2)) };
        var x = randn(6, 5);
        var shared = FunctionalMlp.Forward(x, layers, ActivationKind.Tanh);
        var batched = FunctionalMlp.Forward(x, layers.Select(l => new LayerWeights(l.Weight.expand(6, -1, -1), l.Bias.expand(6, -1))).ToArray(), ActivationKind.Tanh);
        Assert.That(batched.allclose(shared, rtol: 1e-5, atol: 1e-6), Is.True);
    }

    [TestCase(HyperKind.Full)]
    [TestCase(HyperKind.Chunked)]
    [TestCase(HyperKind.LowRank)]
    [TestCase(HyperKind.Full, true)]
    [TestCase(HyperKind.Chunked, true)]
    public void HyperNetworkSharedPathEqualsPerRowPath(HyperKind kind, bool concatInput = false)
    {
        manual_seed(2);
        var spec = TestShapes.Hyper(kind);
        using var policy = ActorCritic.Create(concatInput ? TestShapes.ConcatInput(spec) : spec, TestShapes.Discrete);
        using var scope = NewDisposeScope();
        var obs = randn(8, 5);
        var distinct = TestShapes.Descriptors(TestShapes.Discrete, 2);
        var perRow = distinct.index_select(0, tensor(new long[] { 0, 1, 0, 1, 1, 0, 0, 1 }));
        var network = (HyperConditionedNetwork)policy.ActorNetwork;
        Assert.That(network.NetworkCount, Is.EqualTo(2), "actor and critic from one hypernetwork");

        // Two distinct descriptors: the default multi-descriptor path (padded groups, bmm).
        var batched = cat(network.ForwardEach(obs, perRow), 1);
        for (var row = 0; row < 8; row++)
        {
            var shared = cat(network.ForwardEach(obs[row].unsqueeze(0), perRow[row]), 1); // [d]: plain matmul
            Assert.That(batched[row].unsqueeze(0).allclose(shared, rtol: 1e-5, atol: 1e-6), Is.True, $"row {row}");
        }
        var allSame = cat(network.ForwardEach(obs, distinct[0].unsqueeze(0).expand(8, -1)), 1);
        var sharedBatch = cat(network.ForwardEach(obs, distinct[0]), 1);
        Assert.That(allSame.allclose(sharedBatch, rtol: 1e-6, atol: 1e-7), Is.True);
    }

    [TestCase(HyperKind.Full, false)]
    [TestCase(HyperKind.Full, true)]
    [TestCase(HyperKind.LowRank, false)]
    [TestCase(HyperKind.LowRank, true)]
    [TestCase(HyperKind.Full, false, true)]
    [TestCase(HyperKind.Full, true, true)]
    [TestCase(HyperKind.Full, false, true, 1)]
    [TestCase(HyperKind.Full, true, true, 1)]
    public void PaddedPathEqualsTheOtherMultiDescriptorPathsWithGradients(HyperKind kind, bool againstGrouped, bool concatInput = false, int? generatedLayers = null)
    {
        var reference = againstGrouped ? HyperConditionedNetwork.MultiDescriptorPath.Grouped : HyperConditionedNetwork.MultiDescriptorPath.PerRow;
        manual_seed(22);
        var spec = TestShapes.Hyper(kind);
        spec = spec with { Hyper = spec.Hyper with { ConcatInput = concatInput, GeneratedLayers = generatedLayers } };
        using var policy = ActorCritic.Create(spec, TestShapes.Discrete);
        using var scope = NewDisposeScope();
        var network = (HyperConditionedNetwork)policy.ActorNetwork;
        var obs = randn(40, 5);
        // Uneven groups (sizes differ), so the padded block really pads.
        var desc = TestShapes.Descriptors(TestShapes.Discrete, 3).index_select(0, randint(3, [40], dtype: ScalarType.Int64));
        var weights = randn(40, 4); // a fixed random loss weight per output, so every output's gradient matters

        (Tensor Output, Tensor[] Gradients) Run(HyperConditionedNetwork.MultiDescriptorPath path)
        {
            network.Path = path;
            foreach (var p in network.parameters()) p.grad = null;
            var output = cat(network.ForwardEach(obs, desc), 1);
            (output * weights).sum().backward();
            return (output.detach(), network.parameters().Select(p => p.grad!.clone()).ToArray());
        }

        var (padded, paddedGrads) = Run(HyperConditionedNetwork.MultiDescriptorPath.Padded);
        var (expected, expectedGrads) = Run(reference);
        Assert.That(padded.allclose(expected, rtol: 1e-5, atol: 1e-6), Is.True);
        for (var i = 0; i < paddedGrads.Length; i++)
            Assert.That(paddedGrads[i].allclose(expectedGrads[i], rtol: 1e-4, atol: 1e-6), Is.True, $"gradient of parameter {i}");
    }

    [Test]
    public void DescriptorNormalizationMapsDeclaredRangeToMinusOneOne()
    {
        using var normalizer = new DescriptorNormalizer("n", [0f, 10f, 3f], [2f, 20f, 3f]);
        var normalized = TestShapes.Values(normalizer.Forward(tensor(new[,] { { 0f, 20f, 3f }, { 1f, 15f, 3f } })));
        Assert.That(normalized, Is.EqualTo(new[] { -1f, 1f, 0f, 0f, 0f, 0f }).Within(1e-6f));
    }
}
