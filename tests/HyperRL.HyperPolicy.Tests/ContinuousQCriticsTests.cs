using HyperRL.HyperPolicy.Conditioning;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

public sealed class ContinuousQCriticsTests
{
    private static readonly PolicyShapes Shapes = TestShapes.Continuous;

    private static IEnumerable<TestCaseData> Variants()
    {
        var hyper = TestShapes.Hyper() with { Activation = ActivationKind.Relu };
        yield return new TestCaseData(hyper).SetArgDisplayNames("hyper");
        yield return new TestCaseData(hyper with { Hyper = hyper.Hyper with { GeneratedLayers = 1 } }).SetArgDisplayNames("hyper-last-layer");
        yield return new TestCaseData(TestShapes.Hyper(HyperKind.Chunked)).SetArgDisplayNames("hyper-chunked");
        yield return new TestCaseData(TestShapes.ConcatInput(hyper)).SetArgDisplayNames("hyper-concat-input");
        yield return new TestCaseData(TestShapes.ConcatInput(hyper with { Hyper = hyper.Hyper with { GeneratedLayers = 1 } })).SetArgDisplayNames("hyper-concat-input-last-layer");
        yield return new TestCaseData(hyper with { HyperCritic = false }).SetArgDisplayNames("hyper-concat-critics");
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Film }).SetArgDisplayNames("film");
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Concat }).SetArgDisplayNames("concat");
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Mlp }).SetArgDisplayNames("mlp");
    }

    [TestCaseSource(nameof(Variants))]
    public void ShapesAndCriticLossGradientsReachEveryCritic(PolicySpec spec)
    {
        foreach (var count in new[] { 1, 2, 3 })
        {
            manual_seed(50);
            using var critics = ContinuousQCritics.Create(spec, Shapes, count);
            using var scope = NewDisposeScope();
            var obs = randn(7, 5);
            var actions = rand(7, 2) * 2 - 1;
            var desc = TestShapes.Descriptors(Shapes, 7);
            var q = critics.QValues(obs, actions, desc);
            Assert.That(q, Has.Length.EqualTo(count));
            foreach (var qk in q) Assert.That(qk.shape, Is.EqualTo(new long[] { 7 }), $"{count} critics");
            for (var k = 1; k < count; k++)
                Assert.That(q[k].allclose(q[0], rtol: 1e-3, atol: 1e-4), Is.False, $"critic {k} is initialized independently of critic 0");

            // SAC's critic loss: every critic regresses onto one target.
            var target = randn(7);
            var loss = q.Select(qk => (qk - target).square().mean()).Aggregate((a, b) => a + b);
            loss.backward();
            Assert.That(TestParameters.WithoutGradient(critics), Is.Empty, $"{count} critics");
        }
    }

    [Test]
    public void OneHypernetworkGeneratesEveryCriticAndLearnsFromEach()
    {
        manual_seed(51);
        using var critics = ContinuousQCritics.Create(TestShapes.Hyper(), Shapes, criticCount: 2);
        Assert.That(critics.Joint, Is.Not.Null);
        Assert.That(critics.Joint!.NetworkCount, Is.EqualTo(2));
        Assert.That(critics.named_children().Select(child => child.name), Is.EquivalentTo(new[] { "action_normalizer", "hyper" }));
        using var scope = NewDisposeScope();
        var obs = randn(6, 5);
        var actions = rand(6, 2);
        var desc = TestShapes.Descriptors(Shapes, 6);

        float[][] GeneratorGradientFrom(int critic)
        {
            critics.zero_grad();
            critics.QValues(obs, actions, desc)[critic].sum().backward();
            return critics.Joint.Generator.parameters().Select(p => TestShapes.Values(p.grad!)).ToArray();
        }

        var fromFirst = GeneratorGradientFrom(0);
        var fromSecond = GeneratorGradientFrom(1);
        Assert.That(fromFirst.SelectMany(g => g).Any(v => v != 0f), Is.True, "critic 0 trains the hypernetwork");
        Assert.That(fromSecond.SelectMany(g => g).Any(v => v != 0f), Is.True, "critic 1 trains the hypernetwork");
        Assert.That(fromFirst.SelectMany(g => g), Is.Not.EqualTo(fromSecond.SelectMany(g => g)), "each critic has its own generated weights");
    }

    [Test]
    public void HyperWithoutHyperCriticGivesSeparateConcatCritics()
    {
        manual_seed(52);
        using var critics = ContinuousQCritics.Create(TestShapes.Hyper() with { HyperCritic = false }, Shapes, criticCount: 2);
        Assert.That(critics.Joint, Is.Null);
        var children = critics.named_children().ToDictionary(child => child.name, child => child.module);
        Assert.That(children.Keys, Is.EquivalentTo(new[] { "action_normalizer", "critic0", "critic1" }));
        Assert.That(children["critic0"], Is.TypeOf<ConcatNetwork>());
        Assert.That(children["critic1"], Is.TypeOf<ConcatNetwork>());
    }

    [Test]
    public void ActionsAreScaledIntoMinusOneOne()
    {
        var shapes = Shapes with { ActionLow = [-3f, 10f], ActionHigh = [1f, 20f] };
        using var normalizer = new ActionNormalizer("n", shapes.ActionLow!, shapes.ActionHigh!);
        using var scope = NewDisposeScope();
        var scaled = normalizer.Forward(tensor(new[] { -3f, 10f, 1f, 20f, -1f, 15f }, [3, 2]));
        Assert.That(TestShapes.Values(scaled), Is.EqualTo(new[] { -1f, -1f, 1f, 1f, 0f, 0f }).Within(1e-6f));
    }

    [TestCase(ConditioningKind.Hyper)]
    [TestCase(ConditioningKind.Mlp)]
    public void CriticsReadActionsRelativeToTheBox(ConditioningKind conditioning)
    {
        var spec = TestShapes.Hyper() with { Conditioning = conditioning };
        var unit = Shapes with { ActionLow = [-1f, -1f], ActionHigh = [1f, 1f] };
        var wide = Shapes with { ActionLow = [-4f, 6f], ActionHigh = [4f, 10f] }; // a_wide = (4 a_unit, 8 + 2 a_unit)
        manual_seed(58);
        using var unitCritics = ContinuousQCritics.Create(spec, unit);
        manual_seed(58);
        using var wideCritics = ContinuousQCritics.Create(spec, wide); // the same weights: bounds draw no random numbers
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var obs = randn(5, 5);
        var desc = TestShapes.Descriptors(Shapes, 5);
        var actions = rand(5, 2) * 2 - 1;
        var wideActions = stack([actions[.., 0] * 4, actions[.., 1] * 2 + 8], 1);
        var expected = unitCritics.QValues(obs, actions, desc);
        var actual = wideCritics.QValues(obs, wideActions, desc);
        for (var k = 0; k < 2; k++) Assert.That(actual[k].allclose(expected[k], rtol: 1e-5, atol: 1e-5), Is.True, $"critic {k}");
    }

    [Test]
    public void OutputLayerStartsWithValueGain()
    {
        manual_seed(53);
        using var critics = ContinuousQCritics.Create(TestShapes.Hyper() with { Conditioning = ConditioningKind.Mlp }, Shapes, criticCount: 2);
        var outputs = critics.named_parameters().Where(p => p.name.EndsWith(".layers.w2")).ToArray();
        Assert.That(outputs, Has.Length.EqualTo(2));
        // Orthogonal init: the output column has the norm of its gain (1 for values, 0.01 for policy outputs).
        foreach (var (name, weight) in outputs)
            Assert.That(weight.norm().item<float>(), Is.EqualTo(1f).Within(1e-4f), name);
    }

    [TestCase(ConditioningKind.Hyper, true)]
    [TestCase(ConditioningKind.Hyper, false)]
    [TestCase(ConditioningKind.Film, true)]
    public void SoftUpdateWithHalfTauGivesTheMidpoint(ConditioningKind conditioning, bool hyperCritic)
    {
        manual_seed(54);
        var spec = TestShapes.Hyper() with { Conditioning = conditioning, HyperCritic = hyperCritic };
        using var target = ContinuousQCritics.Create(spec, Shapes);
        using var source = ContinuousQCritics.Create(spec, Shapes);
        TestParameters.Perturb(source);
        using (no_grad())
            source.named_buffers().First(b => b.name == "action_normalizer.offset").buffer.add_(0.25f);
        var before = target.parameters().Select(TestShapes.Values).ToArray();
        var sourceValues = source.parameters().Select(TestShapes.Values).ToArray();

        target.SoftUpdateFrom(source, 0.5);

        var after = target.parameters().Select(TestShapes.Values).ToArray();
        for (var p = 0; p < after.Length; p++)
        for (var i = 0; i < after[p].Length; i++)
            Assert.That(after[p][i], Is.EqualTo((before[p][i] + sourceValues[p][i]) / 2).Within(1e-6f));
        Assert.That(TestShapes.Values(target.named_buffers().First(b => b.name == "action_normalizer.offset").buffer),
            Is.EqualTo(TestShapes.Values(source.named_buffers().First(b => b.name == "action_normalizer.offset").buffer)), "buffers are copied");
    }

    [Test]
    public void CopyAndSoftUpdateDropCachedGeneratedWeights()
    {
        manual_seed(56);
        using var target = ContinuousQCritics.Create(TestShapes.Hyper(), Shapes);
        using var online = ContinuousQCritics.Create(TestShapes.Hyper(), Shapes);
        using var scope = NewDisposeScope();
        var obs = randn(4, 5);
        var actions = rand(4, 2);
        var desc = TestShapes.Descriptors(Shapes, 1)[0];
        Tensor[] NoGrad(ContinuousQCritics critics)
        {
            using var noGrad = no_grad();
            return critics.QValues(obs, actions, desc);
        }

        NoGrad(target); // fills the target's weight cache
        Assert.That(target.Joint!.Cache.Count, Is.EqualTo(1));
        target.CopyFrom(online);
        var copied = NoGrad(target);
        var expected = NoGrad(online);
        for (var k = 0; k < 2; k++) Assert.That(copied[k].allclose(expected[k], rtol: 0, atol: 0), Is.True, $"critic {k} after CopyFrom");

        TestParameters.Perturb(online);
        target.SoftUpdateFrom(online, 0.5);
        Assert.That(target.Joint.Cache.Count, Is.EqualTo(0), "the update drops the cache");
        var updated = NoGrad(target);
        var fresh = target.QValues(obs, actions, desc); // gradient mode: generated afresh, never cached
        for (var k = 0; k < 2; k++) Assert.That(updated[k].allclose(fresh[k], rtol: 1e-5, atol: 1e-6), Is.True, $"critic {k} after SoftUpdateFrom");
    }

    [Test]
    public void StructureMismatchAndBadInputsAreClearErrors()
    {
        manual_seed(57);
        using var two = ContinuousQCritics.Create(TestShapes.Hyper(), Shapes);
        using var three = ContinuousQCritics.Create(TestShapes.Hyper(), Shapes, criticCount: 3);
        Assert.That(() => two.SoftUpdateFrom(three, 0.5), Throws.ArgumentException.With.Message.Contains("same spec, shapes and critic count"));
        using var film = ContinuousQCritics.Create(TestShapes.Hyper() with { Conditioning = ConditioningKind.Film }, Shapes);
        Assert.That(() => two.CopyFrom(film), Throws.ArgumentException);
        using var scope = NewDisposeScope();
        Assert.That(() => two.QValues(randn(4, 5), randn(4, 3), zeros(3)), Throws.ArgumentException.With.Message.Contains("actions must be [4, 2]"));
        Assert.That(() => two.QValues(randn(4, 5), randn(3, 2), zeros(3)), Throws.ArgumentException.With.Message.Contains("actions must be [4, 2]"));
        Assert.That(() => two.QValues(randn(4, 4), randn(4, 2), zeros(3)), Throws.ArgumentException.With.Message.Contains("observations must be [batch, 5]"));
    }

    [Test]
    public void SpecErrorsAreOneLine()
    {
        var spec = TestShapes.Hyper();
        Assert.That(() => ContinuousQCritics.Create(spec, TestShapes.Discrete), Throws.TypeOf<PolicySpecException>().With.Message.Contains("need continuous actions"));
        Assert.That(() => ContinuousQCritics.Create(spec, Shapes with { ActionLow = null, ActionHigh = null }),
            Throws.TypeOf<PolicySpecException>().With.Message.Contains("need action bounds"));
        Assert.That(() => ContinuousQCritics.Create(spec, Shapes with { ActionLow = [-1f, float.NegativeInfinity] }),
            Throws.TypeOf<PolicySpecException>().With.Message.Contains("finite action bounds"));
        Assert.That(() => ContinuousQCritics.Create(spec with { SharedTrunk = true }, Shapes), Throws.TypeOf<PolicySpecException>().With.Message.Contains("'sharedTrunk'"));
        Assert.That(() => ContinuousQCritics.Create(spec, Shapes, criticCount: 0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
