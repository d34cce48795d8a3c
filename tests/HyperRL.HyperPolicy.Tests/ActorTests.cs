using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

public sealed class ActorTests
{
    private static readonly PolicyShapes Shapes = TestShapes.Continuous;

    private static PolicySpec Sac(ConditioningKind conditioning, LogStdKind logStd = LogStdKind.StateDependent) =>
        TestShapes.Hyper() with { Conditioning = conditioning, Head = HeadKind.TanhGaussian, LogStd = logStd, Activation = ActivationKind.Relu };

    private static IEnumerable<TestCaseData> Conditionings()
    {
        foreach (var conditioning in new[] { ConditioningKind.Mlp, ConditioningKind.Concat, ConditioningKind.Film, ConditioningKind.Hyper })
            yield return new TestCaseData(conditioning, LogStdKind.StateDependent);
        yield return new TestCaseData(ConditioningKind.Hyper, LogStdKind.StateIndependent);
    }

    [TestCaseSource(nameof(Conditionings))]
    public void SampleShapesAndReparameterizedGradientsReachEveryActorParameter(ConditioningKind conditioning, LogStdKind logStd)
    {
        manual_seed(30);
        using var actor = Actor.Create(Sac(conditioning, logStd), Shapes);
        using var critics = ContinuousQCritics.Create(Sac(conditioning), Shapes);
        using var scope = NewDisposeScope();
        var obs = randn(7, 5);
        var desc = TestShapes.Descriptors(Shapes, 7);

        var sample = actor.Sample(obs, desc);
        Assert.That(sample.Action.shape, Is.EqualTo(new long[] { 7, 2 }));
        Assert.That(sample.Action.dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(sample.LogProb.shape, Is.EqualTo(new long[] { 7 }));
        Assert.That(sample.Action.requires_grad, Is.True, "the action is reparameterized");

        // SAC's actor loss without the entropy term: the actor is reached only through the action.
        var loss = -critics.QValues(obs, sample.Action, desc)[0].mean();
        loss.backward();
        Assert.That(TestParameters.WithoutGradient(actor), Is.Empty);
    }

    [Test]
    public void LogProbOfTheSampledActionIsTheSampleLogProb()
    {
        manual_seed(31);
        using var actor = Actor.Create(Sac(ConditioningKind.Hyper), Shapes);
        TestParameters.Perturb(actor);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var obs = randn(9, 5);
        var desc = TestShapes.Descriptors(Shapes, 9);
        var sample = actor.Sample(obs, desc);
        Assert.That(TestShapes.Values(actor.LogProb(obs, desc, sample.Action)), Is.EqualTo(TestShapes.Values(sample.LogProb)).Within(2e-3f));
    }

    [TestCase(ConditioningKind.Hyper)]
    [TestCase(ConditioningKind.Film)]
    [TestCase(ConditioningKind.Concat)]
    [TestCase(ConditioningKind.Mlp)]
    public void DeterministicActionsStayInsideTheBox(ConditioningKind conditioning)
    {
        manual_seed(32);
        var shapes = Shapes with { ActionLow = [-3f, 0f], ActionHigh = [3f, 1f] };
        using var actor = Actor.Create(Sac(conditioning), shapes);
        TestParameters.Perturb(actor, scale: 30f); // large means: tanh saturates
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var obs = randn(64, 5) * 10;
        var desc = TestShapes.Descriptors(shapes, 64);
        var actions = actor.Deterministic(obs, desc);
        var low = tensor(shapes.ActionLow);
        var high = tensor(shapes.ActionHigh);
        Assert.That(actions.ge(low).all().item<bool>() && actions.le(high).all().item<bool>(), Is.True);
        var nearBound = (actions - low).minimum(high - actions).lt(0.01f * (high - low));
        Assert.That(nearBound.any().item<bool>(), Is.True, "the test must push actions to the bounds");

        var csharp = new float[64 * 2];
        actor.CreateDeterministicPolicy().Act(TestShapes.Values(obs), TestShapes.Values(desc), 64, [], csharp);
        for (var i = 0; i < csharp.Length; i++)
            Assert.That(csharp[i], Is.InRange(shapes.ActionLow[i % 2], shapes.ActionHigh[i % 2]), $"C# action {i}");
    }

    [Test]
    public void AutoHeadIsTheTanhGaussian()
    {
        Tensor Actions(HeadKind head)
        {
            manual_seed(33);
            using var actor = Actor.Create(Sac(ConditioningKind.Hyper) with { Head = head }, Shapes);
            TestParameters.Perturb(actor, scale: 30f);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            manual_seed(34);
            return actor.Deterministic(randn(16, 5) * 10, TestShapes.Descriptors(Shapes, 16)).MoveToOuterDisposeScope();
        }

        using var auto = Actions(HeadKind.Auto);
        using var tanh = Actions(HeadKind.TanhGaussian);
        using var gaussian = Actions(HeadKind.Gaussian);
        Assert.That(auto.allclose(tanh, rtol: 0, atol: 0), Is.True);
        Assert.That(gaussian.abs().max().item<float>(), Is.GreaterThan(3f), "a Gaussian head leaves its means unbounded");
    }

    [Test]
    public void SpecErrorsAreOneLine()
    {
        var spec = Sac(ConditioningKind.Hyper);
        Assert.That(() => Actor.Create(spec with { Head = HeadKind.Auto }, TestShapes.Discrete),
            Throws.TypeOf<PolicySpecException>().With.Message.Contains("needs continuous actions"));
        Assert.That(() => Actor.Create(spec with { Head = HeadKind.Q }, Shapes),
            Throws.TypeOf<PolicySpecException>().With.Message.Contains("head 'q' is not a continuous policy head"));
        Assert.That(() => Actor.Create(spec with { Head = HeadKind.Dueling }, Shapes),
            Throws.TypeOf<PolicySpecException>().With.Message.Contains("head 'dueling' is not a continuous policy head"));
        Assert.That(() => Actor.Create(spec with { Head = HeadKind.Categorical }, Shapes),
            Throws.TypeOf<PolicySpecException>().With.Message.Contains("head 'categorical' is not a continuous policy head"));
        Assert.That(() => Actor.Create(spec with { SharedTrunk = true }, Shapes),
            Throws.TypeOf<PolicySpecException>().With.Message.Contains("'sharedTrunk'"));
        Assert.That(() => Actor.Create(spec with { Head = HeadKind.Auto }, Shapes with { ActionLow = null, ActionHigh = null }),
            Throws.TypeOf<PolicySpecException>().With.Message.Contains("needs action bounds"));
        Assert.That(() => Actor.Create(spec with { Head = HeadKind.Gaussian }, Shapes with { ActionLow = null, ActionHigh = null }), Throws.Nothing);
    }

    [Test]
    public void WrongInputShapesAreClearErrors()
    {
        manual_seed(35);
        using var actor = Actor.Create(Sac(ConditioningKind.Hyper), Shapes);
        using var scope = NewDisposeScope();
        Assert.That(() => actor.Sample(randn(4, 6), zeros(4, 3)), Throws.ArgumentException.With.Message.Contains("observations must be [batch, 5]"));
        Assert.That(() => actor.LogProb(randn(4, 5), zeros(4, 3), zeros(4, 3)), Throws.ArgumentException.With.Message.Contains("actions must be [4, 2]"));
    }
}
