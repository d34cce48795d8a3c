using HyperRL.HyperPolicy.Fused;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

/// <summary>The fused Q network computes what <see cref="QNetwork.QValues"/> computes, and the gradient of a loss on
/// the Q-values by every parameter, for every covered scheme and both Q heads.</summary>
public sealed class FusedQNetworkTests
{
    private static IEnumerable<TestCaseData> Specs()
    {
        var hyper = TestShapes.Hyper() with { Head = HeadKind.Q, Activation = ActivationKind.Relu };
        foreach (var head in new[] { HeadKind.Q, HeadKind.Dueling })
        {
            string name = head == HeadKind.Q ? "q" : "dueling";
            yield return new TestCaseData(hyper with { Head = head }).SetArgDisplayNames($"hyper-{name}");
            // DQN's preset: trained layers, the output layer generated.
            yield return new TestCaseData(hyper with { Head = head, Hidden = [24, 16], Hyper = hyper.Hyper with { GeneratedLayers = 1 } })
                .SetArgDisplayNames($"hyper-last-layer-{name}");
            yield return new TestCaseData(TestShapes.ConcatInput(hyper with { Head = head })).SetArgDisplayNames($"hyper-concat-input-{name}");
            yield return new TestCaseData(hyper with { Head = head, Conditioning = ConditioningKind.Concat, Activation = ActivationKind.Tanh })
                .SetArgDisplayNames($"concat-tanh-{name}");
            yield return new TestCaseData(hyper with { Head = head, Conditioning = ConditioningKind.Mlp, Hidden = [40, 24] }).SetArgDisplayNames($"mlp-{name}");
        }
    }

    [TestCaseSource(nameof(Specs))]
    public void QValuesAndGradientsMatchTheTorchPath(PolicySpec spec)
    {
        var shapes = TestShapes.Discrete;
        foreach (var (layout, distinct) in new[] { ("shared", 1), ("three", 3), ("per-row", 0) })
        {
            manual_seed(11);
            using var network = QNetwork.Create(spec, shapes);
            TestParameters.Perturb(network);
            var (flat, offsets) = FusedChecks.Flatten(network);
            const int rows = 29;
            var fused = FusedQNetwork.TryCreate(network, p => offsets.TryGetValue(p.Handle, out var o) ? o : null, rows, out var reason)
                ?? throw new AssertionException($"not fused: {reason}");

            using var scope = NewDisposeScope();
            var obs = randn(rows, shapes.ObservationSize);
            var desc = distinct == 0 ? TestShapes.Descriptors(shapes, rows) : TestShapes.Descriptors(shapes, distinct).index_select(0, arange(rows) % distinct);
            var weights = randn(rows, shapes.ActionSize);
            var q = network.QValues(obs, desc);
            (weights * q).sum().backward();

            var fusedQ = new float[rows * shapes.ActionSize];
            fused.Forward(flat, TestShapes.Values(obs), TestShapes.Values(desc), rows, fusedQ);
            FusedChecks.AssertClose(fusedQ, TestShapes.Values(q), $"{layout} Q-values");

            var gradient = new float[flat.Length];
            fused.Backward(flat, TestShapes.Values(weights), gradient);
            foreach (var (name, parameter) in network.named_parameters())
            {
                using var grad = parameter.grad;
                var expected = grad is null ? new float[parameter.numel()] : TestShapes.Values(grad);
                FusedChecks.AssertClose(gradient.AsSpan((int)offsets[parameter.Handle], expected.Length).ToArray(), expected, $"{layout} d/d {name}");
            }
        }
    }

    [Test]
    public void NoisyAndDistributionalNetworksAreNamedAsNotCovered()
    {
        var spec = TestShapes.Hyper() with { Head = HeadKind.Q };
        foreach (var (options, expected) in new[]
                 {
                     (QNetworkOptions.Default with { Noisy = true }, "noisy layers"),
                     (QNetworkOptions.Default with { Distribution = QDistributionKind.Quantile, Quantiles = 5 }, "a distributional Q head"),
                 })
        {
            using var network = QNetwork.Create(spec, TestShapes.Discrete, options);
            var (_, offsets) = FusedChecks.Flatten(network);
            Assert.That(FusedQNetwork.TryCreate(network, p => offsets[p.Handle], 8, out var reason), Is.Null);
            Assert.That(reason, Is.EqualTo(expected));
        }
    }
}
