using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

/// <summary>The C# inference path computes what the torch forward computes, for every scheme and head.</summary>
public sealed class InferenceTests
{
    private static IEnumerable<TestCaseData> Specs()
    {
        var hyper = TestShapes.Hyper();
        yield return new TestCaseData(hyper).SetArgDisplayNames("hyper");
        yield return new TestCaseData(hyper with { Hyper = hyper.Hyper with { GeneratedLayers = 1 } }).SetArgDisplayNames("hyper-last-layer");
        yield return new TestCaseData(TestShapes.Hyper(HyperKind.Chunked)).SetArgDisplayNames("hyper-chunked");
        yield return new TestCaseData(TestShapes.Hyper(HyperKind.LowRank)).SetArgDisplayNames("hyper-lowrank");
        yield return new TestCaseData(TestShapes.ConcatInput(hyper)).SetArgDisplayNames("hyper-concat-input");
        yield return new TestCaseData(TestShapes.ConcatInput(hyper with { Hyper = hyper.Hyper with { GeneratedLayers = 1 } })).SetArgDisplayNames("hyper-concat-input-last-layer");
        yield return new TestCaseData(TestShapes.ConcatInput(TestShapes.Hyper(HyperKind.Chunked))).SetArgDisplayNames("hyper-concat-input-chunked");
        yield return new TestCaseData(TestShapes.ConcatInput(TestShapes.Hyper(HyperKind.LowRank))).SetArgDisplayNames("hyper-concat-input-lowrank");
        yield return new TestCaseData(TestShapes.ConcatInput(hyper with { SharedTrunk = true })).SetArgDisplayNames("hyper-concat-input-shared-trunk");
        yield return new TestCaseData(hyper with { HyperCritic = false }).SetArgDisplayNames("hyper-concat-critic");
        yield return new TestCaseData(hyper with { SharedTrunk = true }).SetArgDisplayNames("hyper-shared-trunk");
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Film, Activation = ActivationKind.Relu }).SetArgDisplayNames("film-relu");
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Concat, Activation = ActivationKind.Elu }).SetArgDisplayNames("concat-elu");
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Mlp, Activation = ActivationKind.Silu }).SetArgDisplayNames("mlp-silu");
    }

    private static readonly (PolicyShapes Shapes, HeadKind Head, LogStdKind LogStd)[] Heads =
    [
        (TestShapes.Discrete, HeadKind.Categorical, LogStdKind.StateIndependent),
        (TestShapes.Continuous, HeadKind.Gaussian, LogStdKind.StateIndependent),
        (TestShapes.Continuous, HeadKind.Gaussian, LogStdKind.StateDependent),
        // Bounds whose half-ranges' logs do not cancel (TestShapes.Continuous has 2 and 0.5).
        (TestShapes.Continuous with { ActionLow = [-3f, 0f], ActionHigh = [3f, 1f] }, HeadKind.TanhGaussian, LogStdKind.StateDependent),
    ];

    [TestCaseSource(nameof(Specs))]
    public void ActionsLogProbsAndValuesMatchTheTorchForward(PolicySpec spec)
    {
        foreach (var (shapes, headKind, logStd) in Heads)
        {
            manual_seed(11);
            using var policy = ActorCritic.Create(spec with { Head = headKind, LogStd = logStd, LogStdInit = -0.5f }, shapes);
            TestParameters.Perturb(policy);
            using var scope = NewDisposeScope();
            const int rows = 6;
            var obs = randn(rows, shapes.ObservationSize);
            // Two distinct descriptors, interleaved: the cache switches snapshots between rows.
            var desc = TestShapes.Descriptors(shapes, 2).index_select(0, tensor(new long[] { 0, 1, 1, 0, 1, 0 }));
            var obsValues = TestShapes.Values(obs);
            var descValues = TestShapes.Values(desc);
            var inference = new ActorCriticInference(policy);
            var discrete = new int[rows];
            var continuous = new float[rows * shapes.ActionSize];
            var logProbs = new float[rows];
            var values = new float[rows];
            string label = $"{headKind}/{logStd}";

            // Deterministic: the mode, its log-probability and V(s) as torch computes them.
            inference.Act(obsValues, descValues, rows, deterministic: true, new Random(1), discrete, continuous, logProbs, values);
            using (no_grad())
            {
                var expected = policy.Act(obs, desc, deterministic: true);
                Assert.That(values, Is.EqualTo(TestShapes.Values(expected.Value)).Within(1e-4f), label + " values");
                Assert.That(logProbs, Is.EqualTo(TestShapes.Values(expected.LogProb)).Within(1e-3f), label + " log-probs");
                if (shapes.ActionKind == ActionKind.Discrete)
                    Assert.That(discrete.Select(a => (long)a), Is.EqualTo(expected.Action.data<long>().ToArray()), label + " actions");
                else
                    Assert.That(continuous, Is.EqualTo(TestShapes.Values(expected.Action)).Within(1e-4f), label + " actions");
            }

            // Sampled: the log-probability the C# path reports is torch's log-probability of the same action.
            inference.Act(obsValues, descValues, rows, deterministic: false, new Random(2), discrete, continuous, logProbs, values);
            using (no_grad())
            {
                var actions = shapes.ActionKind == ActionKind.Discrete
                    ? tensor(discrete.Select(a => (long)a).ToArray())
                    : tensor(continuous, [rows, shapes.ActionSize]);
                var evaluation = policy.Evaluate(obs, desc, actions);
                Assert.That(logProbs, Is.EqualTo(TestShapes.Values(evaluation.LogProb)).Within(2e-3f), label + " sampled log-probs");
            }

            var valuesOnly = new float[rows];
            inference.Values(obsValues, descValues, rows, valuesOnly);
            Assert.That(valuesOnly, Is.EqualTo(values).Within(1e-6f), label + " Values()");
            Assert.That(inference.CachedDescriptors, Is.EqualTo(2));
        }
    }

    [Test]
    public void RefreshPicksUpChangedWeights()
    {
        manual_seed(12);
        using var policy = ActorCritic.Create(TestShapes.Hyper(), TestShapes.Discrete);
        var inference = new ActorCriticInference(policy);
        var obs = new float[5];
        var desc = new[] { 0.5f, 0f, 15f };
        float[] before = new float[1], stale = new float[1], after = new float[1];
        inference.Values(obs, desc, 1, before);
        TestParameters.Perturb(policy);
        inference.Values(obs, desc, 1, stale);
        inference.Refresh();
        inference.Values(obs, desc, 1, after);
        Assert.That(stale[0], Is.EqualTo(before[0]), "snapshots are copies until refreshed");
        Assert.That(after[0], Is.Not.EqualTo(before[0]).Within(1e-6f));
    }

    [Test]
    public void CategoricalSamplesFollowTheSoftmax()
    {
        manual_seed(13);
        using var policy = ActorCritic.Create(TestShapes.Hyper() with { Conditioning = ConditioningKind.Mlp }, TestShapes.Discrete);
        TestParameters.Perturb(policy, scale: 3f);
        using var scope = NewDisposeScope();
        var obs = randn(1, 5);
        var desc = new[] { 0.5f, 0f, 15f };
        float[] probabilities;
        using (no_grad())
        {
            var all = policy.Evaluate(obs.expand(3, -1), tensor(desc), tensor(new long[] { 0, 1, 2 }));
            probabilities = TestShapes.Values(all.LogProb.exp());
        }
        var inference = new ActorCriticInference(policy);
        var rng = new Random(5);
        var counts = new int[3];
        var action = new int[1];
        const int draws = 20_000;
        for (int i = 0; i < draws; i++)
        {
            inference.Act(TestShapes.Values(obs), desc, 1, deterministic: false, rng, action, [], new float[1], new float[1]);
            counts[action[0]]++;
        }
        for (int a = 0; a < 3; a++)
        {
            // 5 binomial standard deviations.
            double tolerance = 5 * Math.Sqrt(probabilities[a] * (1 - probabilities[a]) / draws);
            Assert.That(counts[a] / (double)draws, Is.EqualTo(probabilities[a]).Within(tolerance), $"action {a}");
        }
    }

    [TestCase(HeadKind.Q, QDistributionKind.None)]
    [TestCase(HeadKind.Dueling, QDistributionKind.None)]
    [TestCase(HeadKind.Q, QDistributionKind.Quantile)]
    [TestCase(HeadKind.Dueling, QDistributionKind.Quantile)]
    [TestCase(HeadKind.Q, QDistributionKind.Categorical)]
    [TestCase(HeadKind.Dueling, QDistributionKind.Categorical)]
    public void QValuesAndGreedyActionsMatchTheTorchForward(HeadKind head, QDistributionKind distribution)
    {
        var options = new QNetworkOptions { Distribution = distribution, Quantiles = 5, Atoms = 7, VMin = -2, VMax = 3 };
        foreach (var (conditioning, concatInput) in new[] { (ConditioningKind.Hyper, false), (ConditioningKind.Hyper, true), (ConditioningKind.Film, false),
                     (ConditioningKind.Concat, false), (ConditioningKind.Mlp, false) })
        {
            manual_seed(14);
            var spec = TestShapes.Hyper() with { Conditioning = conditioning, Head = head, Activation = ActivationKind.Relu };
            spec = spec with { Hyper = spec.Hyper with { GeneratedLayers = 1, ConcatInput = concatInput } };
            using var network = QNetwork.Create(spec, TestShapes.Discrete, options);
            TestParameters.Perturb(network);
            using var scope = NewDisposeScope();
            var obs = randn(5, 5);
            var desc = TestShapes.Descriptors(TestShapes.Discrete, 5);
            var inference = new QNetworkInference(network);
            var q = new float[5 * 3];
            var greedy = new int[5];
            inference.QValues(TestShapes.Values(obs), TestShapes.Values(desc), 5, q);
            inference.GreedyActions(TestShapes.Values(obs), TestShapes.Values(desc), 5, greedy);
            using (no_grad())
            {
                var expected = network.QValues(obs, desc);
                Assert.That(q, Is.EqualTo(TestShapes.Values(expected)).Within(1e-4f), $"{conditioning} concatInput={concatInput}");
                Assert.That(greedy.Select(a => (long)a), Is.EqualTo(expected.argmax(1).data<long>().ToArray()), $"{conditioning} concatInput={concatInput}");
            }
        }
    }

    /// <summary>
    /// 'hyper + concat' on the C# path (the descriptor folded into the first bias of each snapshot) against the torch
    /// forward, with one shared descriptor [d] (the plain-matmul path) and with one per row (the padded path), for
    /// actor-critic (categorical and gaussian) and Q networks, all layers generated and the last one only.
    /// </summary>
    [TestCase(HyperKind.Full, null)]
    [TestCase(HyperKind.Full, 1)]
    [TestCase(HyperKind.Chunked, null)]
    [TestCase(HyperKind.LowRank, null)]
    public void ConcatInputSnapshotsMatchTheTorchForwardWithSharedAndPerRowDescriptors(HyperKind kind, int? generatedLayers)
    {
        var spec = TestShapes.ConcatInput(TestShapes.Hyper(kind));
        spec = spec with { Hyper = spec.Hyper with { GeneratedLayers = generatedLayers } };
        const int rows = 6;
        foreach (var perRow in new[] { false, true })
        {
            manual_seed(15);
            using var scope = NewDisposeScope();
            var obs = randn(rows, 5);
            var distinct = TestShapes.Descriptors(TestShapes.Discrete, 3);
            var desc = perRow ? distinct.index_select(0, tensor(new long[] { 0, 1, 2, 2, 0, 1 })) : distinct[0];
            var descRows = TestShapes.Values(perRow ? desc : desc.unsqueeze(0).expand(rows, -1));
            var label = $"{kind} generated={generatedLayers} perRow={perRow}";

            foreach (var (shapes, head) in new[] { (TestShapes.Discrete, HeadKind.Categorical), (TestShapes.Continuous, HeadKind.Gaussian) })
            {
                using var policy = ActorCritic.Create(spec with { Head = head }, shapes);
                TestParameters.Perturb(policy, scale: kind == HyperKind.LowRank ? 0.1f : 0.3f);
                var inference = new ActorCriticInference(policy);
                var discrete = new int[rows];
                var continuous = new float[rows * shapes.ActionSize];
                var logProbs = new float[rows];
                var values = new float[rows];
                inference.Act(TestShapes.Values(obs), descRows, rows, deterministic: true, new Random(1), discrete, continuous, logProbs, values);
                using (no_grad())
                {
                    var expected = policy.Act(obs, desc, deterministic: true);
                    Assert.That(values, Is.EqualTo(TestShapes.Values(expected.Value)).Within(1e-4f), $"{label} {head} values");
                    Assert.That(logProbs, Is.EqualTo(TestShapes.Values(expected.LogProb)).Within(1e-3f), $"{label} {head} log-probs");
                    if (shapes.ActionKind == ActionKind.Discrete)
                        Assert.That(discrete.Select(a => (long)a), Is.EqualTo(expected.Action.data<long>().ToArray()), $"{label} {head} actions");
                    else
                        Assert.That(continuous, Is.EqualTo(TestShapes.Values(expected.Action)).Within(1e-4f), $"{label} {head} actions");
                }
            }

            using var network = QNetwork.Create(spec with { Head = HeadKind.Q }, TestShapes.Discrete);
            TestParameters.Perturb(network, scale: kind == HyperKind.LowRank ? 0.1f : 0.3f);
            var q = new float[rows * 3];
            new QNetworkInference(network).QValues(TestShapes.Values(obs), descRows, rows, q);
            using (no_grad())
                Assert.That(q, Is.EqualTo(TestShapes.Values(network.QValues(obs, desc))).Within(1e-4f), $"{label} Q-values");
        }
    }
}
