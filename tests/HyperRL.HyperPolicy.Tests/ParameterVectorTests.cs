using HyperRL.HyperPolicy.Persistence;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

/// <summary>A network's parameter vector loaded into another copy of the same network makes it act identically.</summary>
public sealed class ParameterVectorTests
{
    [TestCase(ConditioningKind.Hyper)]
    [TestCase(ConditioningKind.Film)]
    [TestCase(ConditioningKind.Concat)]
    public void ACopyLoadedFromTheVectorGivesTheSameOutputs(ConditioningKind conditioning)
    {
        var spec = TestShapes.Hyper() with { Conditioning = conditioning };
        manual_seed(3);
        using var source = ActorCritic.Create(spec, TestShapes.Discrete);
        manual_seed(4);
        using var copy = ActorCritic.Create(spec, TestShapes.Discrete);
        var vector = ParameterVector.Read(source);
        Assert.That(vector.Length, Is.EqualTo(ParameterVector.Count(source)));

        using var obs = randn(7, TestShapes.Discrete.ObservationSize);
        using var desc = TestShapes.Descriptors(TestShapes.Discrete, 7);
        var before = TestShapes.Values(copy.Act(obs, desc, deterministic: true).Value);
        ParameterVector.Write(copy, vector);
        var expected = TestShapes.Values(source.Act(obs, desc, deterministic: true).Value);
        Assert.That(TestShapes.Values(copy.Act(obs, desc, deterministic: true).Value), Is.EqualTo(expected));
        Assert.That(before, Is.Not.EqualTo(expected), "the copy started with other weights");
        Assert.That(ParameterVector.Read(copy), Is.EqualTo(vector));
    }

    [Test]
    public void AVectorOfAnotherSizeIsRefused()
    {
        using var network = ActorCritic.Create(TestShapes.Hyper(), TestShapes.Discrete);
        var e = Assert.Throws<ArgumentException>(() => ParameterVector.Write(network, new float[3]));
        Assert.That(e!.Message, Does.StartWith("the parameter vector holds 3 values, the network has"));
    }
}
