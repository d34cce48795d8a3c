using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

/// <summary><see cref="PolicyModel.CreateDeterministicPolicy"/> acts as the torch forward's mode, for every model kind.</summary>
public sealed class DeterministicPolicyTests
{
    private const int Rows = 5;

    [TestCase(ConditioningKind.Hyper)]
    [TestCase(ConditioningKind.Film)]
    [TestCase(ConditioningKind.Concat)]
    [TestCase(ConditioningKind.Mlp)]
    public void EveryKindActsAsItsTorchMode(ConditioningKind conditioning)
    {
        var spec = TestShapes.Hyper() with { Conditioning = conditioning };
        manual_seed(60);
        using var discrete = ActorCritic.Create(spec, TestShapes.Discrete);
        using var continuous = ActorCritic.Create(spec with { Head = HeadKind.TanhGaussian, LogStd = LogStdKind.StateDependent }, TestShapes.Continuous);
        using var q = QNetwork.Create(spec with { Head = HeadKind.Dueling }, TestShapes.Discrete);
        using var actor = Actor.Create(spec, TestShapes.Continuous);
        using var scope = NewDisposeScope();
        var obs = randn(Rows, 5);
        var desc = TestShapes.Descriptors(TestShapes.Discrete, Rows);

        foreach (PolicyModel model in new PolicyModel[] { discrete, continuous, q, actor })
        {
            TestParameters.Perturb(model, scale: 3f);
            using var noGrad = no_grad();
            var expected = model switch
            {
                ActorCritic policy => policy.Act(obs, desc, deterministic: true).Action,
                QNetwork network => network.QValues(obs, desc).argmax(1),
                Actor sac => sac.Deterministic(obs, desc),
                _ => throw new InvalidOperationException(model.Kind),
            };
            var discreteActions = new int[Rows];
            var continuousActions = new float[Rows * 2];
            model.CreateDeterministicPolicy().Act(TestShapes.Values(obs), TestShapes.Values(desc), Rows, discreteActions, continuousActions);
            if (model.Shapes.ActionKind == ActionKind.Discrete)
            {
                Assert.That(discreteActions.Select(a => (long)a), Is.EqualTo(expected.data<long>().ToArray()), model.Kind);
                Assert.That(continuousActions, Is.All.EqualTo(0f), model.Kind + " leaves the other span alone");
            }
            else
            {
                Assert.That(continuousActions, Is.EqualTo(TestShapes.Values(expected)).Within(1e-4f), model.Kind);
            }
        }
    }

    [Test]
    public void ShortActionSpansAreClearErrors()
    {
        manual_seed(61);
        using var q = QNetwork.Create(TestShapes.Hyper(), TestShapes.Discrete);
        using var actor = Actor.Create(TestShapes.Hyper(), TestShapes.Continuous);
        var obs = new float[2 * 5];
        var desc = new float[2 * 3];
        Assert.That(() => q.CreateDeterministicPolicy().Act(obs, desc, 2, new int[1], []),
            Throws.ArgumentException.With.Message.Contains("discreteActions holds 1 values, 2 rows of 1 need 2"));
        Assert.That(() => actor.CreateDeterministicPolicy().Act(obs, desc, 2, [], new float[3]),
            Throws.ArgumentException.With.Message.Contains("holds 3 values, 2 rows of 2 need 4"));
    }
}
