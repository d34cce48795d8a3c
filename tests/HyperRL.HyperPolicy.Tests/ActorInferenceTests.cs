using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

/// <summary>The C# acting path of a SAC actor computes what the torch forward computes, for every scheme and head.</summary>
public sealed class ActorInferenceTests
{
    // Bounds whose half-ranges' logs do not cancel, so a wrong rescale term shows in the log-probability.
    private static readonly PolicyShapes Shapes = TestShapes.Continuous with { ActionLow = [-3f, 0f], ActionHigh = [3f, 1f] };

    private static IEnumerable<TestCaseData> Specs()
    {
        var hyper = TestShapes.Hyper() with { Activation = ActivationKind.Relu };
        yield return new TestCaseData(hyper).SetArgDisplayNames("hyper");
        yield return new TestCaseData(hyper with { Hyper = hyper.Hyper with { GeneratedLayers = 1 } }).SetArgDisplayNames("hyper-last-layer");
        yield return new TestCaseData(TestShapes.Hyper(HyperKind.Chunked)).SetArgDisplayNames("hyper-chunked");
        yield return new TestCaseData(TestShapes.Hyper(HyperKind.LowRank)).SetArgDisplayNames("hyper-lowrank");
        yield return new TestCaseData(TestShapes.ConcatInput(hyper)).SetArgDisplayNames("hyper-concat-input");
        yield return new TestCaseData(TestShapes.ConcatInput(hyper with { Hyper = hyper.Hyper with { GeneratedLayers = 1 } })).SetArgDisplayNames("hyper-concat-input-last-layer");
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Film }).SetArgDisplayNames("film-relu");
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Concat, Activation = ActivationKind.Elu }).SetArgDisplayNames("concat-elu");
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Mlp, Activation = ActivationKind.Silu }).SetArgDisplayNames("mlp-silu");
    }

    private static readonly (HeadKind Head, LogStdKind LogStd)[] Heads =
    [
        (HeadKind.TanhGaussian, LogStdKind.StateDependent),
        (HeadKind.TanhGaussian, LogStdKind.StateIndependent),
        (HeadKind.Gaussian, LogStdKind.StateDependent),
    ];

    [TestCaseSource(nameof(Specs))]
    public void ActionsAndLogProbsMatchTheTorchForward(PolicySpec spec)
    {
        foreach (var (head, logStd) in Heads)
        {
            manual_seed(40);
            using var actor = Actor.Create(spec with { Head = head, LogStd = logStd, LogStdInit = -0.5f }, Shapes);
            TestParameters.Perturb(actor);
            using var scope = NewDisposeScope();
            const int rows = 6;
            var obs = randn(rows, Shapes.ObservationSize);
            // Two distinct descriptors, interleaved: the cache switches snapshots between rows.
            var desc = TestShapes.Descriptors(Shapes, 2).index_select(0, tensor(new long[] { 0, 1, 1, 0, 1, 0 }));
            var obsValues = TestShapes.Values(obs);
            var descValues = TestShapes.Values(desc);
            var inference = new ActorInference(actor);
            var actions = new float[rows * Shapes.ActionSize];
            var logProbs = new float[rows];
            var label = $"{head}/{logStd}";

            inference.Act(obsValues, descValues, rows, deterministic: true, new Random(1), actions, logProbs);
            using (no_grad())
            {
                var expected = actor.Deterministic(obs, desc);
                Assert.That(actions, Is.EqualTo(TestShapes.Values(expected)).Within(1e-4f), label + " deterministic actions");
                Assert.That(logProbs, Is.EqualTo(TestShapes.Values(actor.LogProb(obs, desc, expected))).Within(2e-3f), label + " deterministic log-probs");
            }
            var deterministic = (float[])actions.Clone();

            // Sampled: the log-probability the C# path reports is the torch head's log-probability of the same action.
            inference.Act(obsValues, descValues, rows, deterministic: false, new Random(2), actions, logProbs);
            Assert.That(actions, Is.Not.EqualTo(deterministic).Within(1e-3f), label + " samples differ from the mode");
            using (no_grad())
            {
                var sampled = tensor(actions, [rows, Shapes.ActionSize]);
                Assert.That(logProbs, Is.EqualTo(TestShapes.Values(actor.LogProb(obs, desc, sampled))).Within(2e-3f), label + " sampled log-probs");
            }
            Assert.That(inference.CachedDescriptors, Is.EqualTo(2));
        }
    }

    [Test]
    public void SameRandomGivesSameSamples()
    {
        manual_seed(41);
        using var actor = Actor.Create(TestShapes.Hyper() with { LogStd = LogStdKind.StateDependent }, Shapes);
        var inference = new ActorInference(actor);
        var obs = new float[3 * 5];
        var desc = Enumerable.Repeat(new[] { 0.5f, 0f, 15f }, 3).SelectMany(d => d).ToArray();
        float[] Sample(int seed)
        {
            var actions = new float[3 * 2];
            inference.Act(obs, desc, 3, deterministic: false, new Random(seed), actions, new float[3]);
            return actions;
        }

        Assert.That(Sample(7), Is.EqualTo(Sample(7)));
        Assert.That(Sample(7), Is.Not.EqualTo(Sample(8)));
    }

    [Test]
    public void RefreshPicksUpChangedWeights()
    {
        manual_seed(42);
        using var actor = Actor.Create(TestShapes.Hyper(), Shapes);
        var inference = new ActorInference(actor);
        var obs = new float[5];
        var desc = new[] { 0.5f, 0f, 15f };
        float[] Act()
        {
            var action = new float[2];
            inference.Act(obs, desc, 1, deterministic: true, new Random(0), action, new float[1]);
            return action;
        }

        var before = Act();
        TestParameters.Perturb(actor, scale: 3f);
        var stale = Act();
        inference.Refresh();
        var after = Act();
        Assert.That(stale, Is.EqualTo(before), "snapshots are copies until refreshed");
        Assert.That(after, Is.Not.EqualTo(before).Within(1e-5f));
    }

    [Test]
    public void ShortSpansAreClearErrors()
    {
        manual_seed(43);
        using var actor = Actor.Create(TestShapes.Hyper(), Shapes);
        var inference = new ActorInference(actor);
        var obs = new float[2 * 5];
        var desc = new float[2 * 3];
        Assert.That(() => inference.Act(obs, desc, 2, true, new Random(0), new float[3], new float[2]),
            Throws.ArgumentException.With.Message.Contains("actions holds 3 values, 2 rows of 2 need 4"));
        Assert.That(() => inference.Act(obs, desc, 3, true, new Random(0), new float[6], new float[3]),
            Throws.ArgumentException.With.Message.Contains("observations hold 10 values"));
    }
}
