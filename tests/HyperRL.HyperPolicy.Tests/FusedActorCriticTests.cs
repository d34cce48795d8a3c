using HyperRL.HyperPolicy.Fused;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

/// <summary>The fused C# training path computes what the TorchSharp path computes: log-probs, entropies and values,
/// and the gradient of a loss built from them by every parameter, for every covered scheme and head.</summary>
public sealed class FusedActorCriticTests
{
    private static IEnumerable<TestCaseData> Specs()
    {
        var hyper = TestShapes.Hyper();
        yield return new TestCaseData(hyper).SetArgDisplayNames("hyper-pair");
        yield return new TestCaseData(hyper with { Hidden = [20, 12] }).SetArgDisplayNames("hyper-pair-odd-widths");
        yield return new TestCaseData(hyper with { HyperCritic = false }).SetArgDisplayNames("hyper-concat-critic");
        yield return new TestCaseData(hyper with { Hyper = hyper.Hyper with { GeneratedLayers = 1 } }).SetArgDisplayNames("hyper-last-layer");
        yield return new TestCaseData(TestShapes.ConcatInput(hyper)).SetArgDisplayNames("hyper-concat-input");
        yield return new TestCaseData(hyper with { Hidden = [16], Activation = ActivationKind.Relu }).SetArgDisplayNames("hyper-one-hidden-relu");
        yield return new TestCaseData(hyper with { Hyper = hyper.Hyper with { Init = HyperInit.Bias }, Activation = ActivationKind.Silu }).SetArgDisplayNames("hyper-bias-init-silu");
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Concat, Activation = ActivationKind.Elu }).SetArgDisplayNames("concat-elu");
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Mlp, Hidden = [40, 24] }).SetArgDisplayNames("mlp");
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Mlp, CriticHidden = [8] }).SetArgDisplayNames("mlp-critic-hidden");
    }

    private static readonly PolicyShapes[] HeadShapes = [TestShapes.Discrete, TestShapes.Continuous];

    /// <summary>Rows by descriptor: one shared, three interleaved, every row its own.</summary>
    private static readonly (string Name, Func<PolicyShapes, int, Tensor> Make)[] DescriptorLayouts =
    [
        ("shared", (shapes, rows) => TestShapes.Descriptors(shapes, 1).expand(rows, -1).contiguous()),
        ("three", (shapes, rows) => TestShapes.Descriptors(shapes, 3).index_select(0, arange(rows) % 3)),
        ("per-row", TestShapes.Descriptors),
    ];

    [TestCaseSource(nameof(Specs))]
    public void ValuesAndGradientsMatchTheTorchPath(PolicySpec spec)
    {
        foreach (var shapes in HeadShapes)
            foreach (var (layoutName, makeDescriptors) in DescriptorLayouts)
            {
                string label = $"{shapes.ActionKind}/{layoutName}";
                manual_seed(5);
                using var policy = ActorCritic.Create(spec with { LogStdInit = -0.3f }, shapes);
                TestParameters.Perturb(policy);
                var (flat, offsets) = FusedChecks.Flatten(policy);
                const int rows = 37;
                var fused = FusedActorCritic.TryCreate(policy, p => offsets.TryGetValue(p.Handle, out var o) ? o : null, rows, out var reason)
                    ?? throw new AssertionException($"not fused: {reason}");

                using var scope = NewDisposeScope();
                var obs = randn(rows, shapes.ObservationSize);
                var desc = makeDescriptors(shapes, rows);
                var actions = shapes.ActionKind == ActionKind.Discrete ? randint(shapes.ActionSize, rows, dtype: ScalarType.Int64) : randn(rows, shapes.ActionSize);
                var (a, b, c) = (randn(rows), randn(rows), randn(rows));

                var evaluation = policy.Evaluate(obs, desc, actions);
                (a * evaluation.LogProb + b * evaluation.Entropy + c * evaluation.Value).sum().backward();

                var logProb = new float[rows];
                var entropy = new float[rows];
                var value = new float[rows];
                fused.Forward(flat, TestShapes.Values(obs), TestShapes.Values(desc), TestShapes.Values(actions.to(ScalarType.Float32)), rows, logProb, entropy, value);
                FusedChecks.AssertClose(logProb, TestShapes.Values(evaluation.LogProb), label + " log-probs");
                FusedChecks.AssertClose(entropy, TestShapes.Values(evaluation.Entropy), label + " entropies");
                FusedChecks.AssertClose(value, TestShapes.Values(evaluation.Value), label + " values");

                var gradient = new float[flat.Length];
                fused.Backward(flat, TestShapes.Values(a), TestShapes.Values(b), TestShapes.Values(c), gradient);
                foreach (var (name, parameter) in policy.named_parameters())
                {
                    using var grad = parameter.grad;
                    var expected = grad is null ? new float[parameter.numel()] : TestShapes.Values(grad);
                    FusedChecks.AssertClose(gradient.AsSpan((int)offsets[parameter.Handle], expected.Length).ToArray(), expected, $"{label} d/d {name}");
                }
            }
    }

    [Test]
    public void TheGradientOfAReusedNetworkAccumulatesNothingStale()
    {
        // Two forward/backward rounds on different batches give each round's own gradient (buffers are reused).
        manual_seed(3);
        var shapes = TestShapes.Discrete;
        using var policy = ActorCritic.Create(TestShapes.Hyper(), shapes);
        var (flat, offsets) = FusedChecks.Flatten(policy);
        var fused = FusedActorCritic.TryCreate(policy, p => offsets[p.Handle], 16, out _)!;
        float[] Round(int rows, int seed)
        {
            manual_seed(seed);
            using var scope = NewDisposeScope();
            var obs = TestShapes.Values(randn(rows, shapes.ObservationSize));
            var desc = TestShapes.Values(TestShapes.Descriptors(shapes, rows));
            var actions = TestShapes.Values(randint(shapes.ActionSize, rows).to(ScalarType.Float32));
            var outputs = new float[rows];
            fused.Forward(flat, obs, desc, actions, rows, new float[rows], new float[rows], outputs);
            var gradient = new float[flat.Length];
            fused.Backward(flat, Enumerable.Repeat(1f, rows).ToArray(), new float[rows], Enumerable.Repeat(1f, rows).ToArray(), gradient);
            return gradient;
        }
        var first = Round(16, 1);
        Round(7, 2);
        Assert.That(Round(16, 1), Is.EqualTo(first));
    }

    private static IEnumerable<TestCaseData> Unsupported()
    {
        var hyper = TestShapes.Hyper();
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Film }, TestShapes.Discrete, "film conditioning");
        yield return new TestCaseData(TestShapes.Hyper(HyperKind.Chunked), TestShapes.Discrete, "the chunked hypernetwork kind");
        yield return new TestCaseData(hyper with { SharedTrunk = true }, TestShapes.Discrete, "a shared actor-critic trunk");
        yield return new TestCaseData(hyper with { LogStd = LogStdKind.StateDependent }, TestShapes.Continuous, "a state-dependent log-std");
        yield return new TestCaseData(hyper with { Architectures = new ArchitectureSpec { Depths = [1], Widths = [4, 8] } }, TestShapes.Discrete, "an architecture space");
    }

    [TestCaseSource(nameof(Unsupported))]
    public void WhatTheFusedPathDoesNotCoverIsNamed(PolicySpec spec, PolicyShapes shapes, string expected)
    {
        using var policy = ActorCritic.Create(spec, shapes);
        var (_, offsets) = FusedChecks.Flatten(policy);
        Assert.That(FusedActorCritic.TryCreate(policy, p => offsets[p.Handle], 8, out var reason), Is.Null);
        Assert.That(reason, Is.EqualTo(expected));
    }
}
