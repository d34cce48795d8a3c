using HyperRL.Agents.Experiments.Study;
using HyperRL.Envs.Descriptors;

namespace HyperRL.Agents.Tests.Experiments.Study;

public sealed class EvaluationProtocolTests
{
    // a: train [0, 2], constraint [0, 1], inner [1, 2], extrapolation [2, 4]; b the same shifted by 10.
    private static readonly ContextFeature A = ContextFeature.Parse("a", "0:1:2:4");
    private static readonly ContextFeature B = ContextFeature.Parse("b", "10:11:12:14");
    private const int Count = 400;

    private static EvaluationProtocol Protocol(ProtocolMode mode) => new([A, B], mode);

    private static bool In(double v, double low, double high) => v >= low && v <= high;

    [Test]
    public void ParsedFeatureHasItsFourRanges()
    {
        Assert.That(A, Is.EqualTo(new ContextFeature("a", 0, 1, 2, 4)));
        Assert.That(A.TrainRange, Is.EqualTo(new ParameterRange(0, 2)));
        Assert.That(A.ConstraintRange, Is.EqualTo(new ParameterRange(0, 1)));
        Assert.That(A.InnerRange, Is.EqualTo(new ParameterRange(1, 2)));
        Assert.That(A.ExtrapolationRange, Is.EqualTo(new ParameterRange(2, 4)));
    }

    [Test]
    public void ReversedFeatureSwapsEachRangeSoLowIsBelowHigh()
    {
        var f = ContextFeature.Parse("g", "11:10:9.5:9");
        Assert.That(f.Lower, Is.EqualTo(11));
        Assert.That(f.TrainRange, Is.EqualTo(new ParameterRange(9.5, 11)));
        Assert.That(f.ConstraintRange, Is.EqualTo(new ParameterRange(10, 11)));
        Assert.That(f.InnerRange, Is.EqualTo(new ParameterRange(9.5, 10)));
        Assert.That(f.ExtrapolationRange, Is.EqualTo(new ParameterRange(9, 9.5)));
    }

    [TestCase("0.3:0.2:0.7:1.0")]
    [TestCase("0:1:1:2")]
    [TestCase("0:2:1:3")]
    [TestCase("0:1:2")]
    [TestCase("0:1:2:3:4")]
    [TestCase("0:x:2:3")]
    [TestCase("0:1:2:NaN")]
    [TestCase("")]
    public void BadFeatureTextIsRejectedNamingTheFeature(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => ContextFeature.Parse("pole_length", text))!;
        Assert.That(e.Message, Does.StartWith($"feature 'pole_length': '{text}' is not lower:lowerConstraint:mid:upper"));
        Assert.That(e.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void DirectConstructionIsCheckedToo()
    {
        Assert.That(() => new ContextFeature("a", 0, 2, 1, 3), Throws.ArgumentException.With.Message.Contains("feature 'a'"));
    }

    [Test]
    public void TrainBoxesOfEachMode()
    {
        var a = Protocol(ProtocolMode.A).TrainBoxes;
        Assert.That(a, Has.Count.EqualTo(1));
        Assert.That(a[0].Ranges, Is.EqualTo(new Dictionary<string, ParameterRange> { ["a"] = new(0, 2), ["b"] = new(10, 12) }));

        var b = Protocol(ProtocolMode.B).TrainBoxes;
        Assert.That(b, Has.Count.EqualTo(2));
        Assert.That(b[0].Ranges, Is.EqualTo(new Dictionary<string, ParameterRange> { ["a"] = new(0, 1), ["b"] = new(10, 12) }));
        Assert.That(b[1].Ranges, Is.EqualTo(new Dictionary<string, ParameterRange> { ["a"] = new(0, 2), ["b"] = new(10, 11) }));

        var c = Protocol(ProtocolMode.C).TrainBoxes;
        Assert.That(c, Has.Count.EqualTo(2));
        Assert.That(c[0].Ranges, Is.EqualTo(new Dictionary<string, ParameterRange> { ["a"] = new(0, 0), ["b"] = new(10, 12) }));
        Assert.That(c[1].Ranges, Is.EqualTo(new Dictionary<string, ParameterRange> { ["a"] = new(0, 2), ["b"] = new(10, 10) }));
    }

    [Test]
    public void SplitsOfEachMode()
    {
        Assert.That(Protocol(ProtocolMode.A).Splits, Is.EqualTo(new[] { StudySplits.Interpolation, StudySplits.SingleExtrapolation, StudySplits.AllExtrapolation }));
        var withCombinations = new[] { StudySplits.Interpolation, StudySplits.CombinatorialInterpolation, StudySplits.SingleExtrapolation, StudySplits.AllExtrapolation };
        Assert.That(Protocol(ProtocolMode.B).Splits, Is.EqualTo(withCombinations));
        Assert.That(Protocol(ProtocolMode.C).Splits, Is.EqualTo(withCombinations));
    }

    [Test]
    public void ModeAInterpolationFillsTheTrainBox()
    {
        var points = Protocol(ProtocolMode.A).Points(StudySplits.Interpolation, Count, 1);
        Assert.That(points, Has.Count.EqualTo(Count));
        Assert.That(points.All(p => p.Count == 2 && In(p["a"], 0, 2) && In(p["b"], 10, 12)), Is.True);
        // Uniform over the whole box, so the inner square (unseen in mode B) is visited too.
        Assert.That(points.Any(p => p["a"] > 1 && p["b"] > 11), Is.True);
        Assert.That(points.Any(p => p["a"] < 1 && p["b"] < 11), Is.True);
    }

    [Test]
    public void ModeBInterpolationStaysOnTheLShapeAndUsesBothArms()
    {
        var points = Protocol(ProtocolMode.B).Points(StudySplits.Interpolation, Count, 2);
        Assert.That(points.All(p => (In(p["a"], 0, 1) && In(p["b"], 10, 12)) || (In(p["a"], 0, 2) && In(p["b"], 10, 11))), Is.True);
        Assert.That(points.Any(p => p["a"] > 1 && p["b"] > 11), Is.False, "the inner square must stay unseen");
        Assert.That(points.Any(p => p["a"] > 1), Is.True, "arm along a");
        Assert.That(points.Any(p => p["b"] > 11), Is.True, "arm along b");
    }

    [Test]
    public void ModeBCombinationsAreAllInTheInnerSquare()
    {
        var points = Protocol(ProtocolMode.B).Points(StudySplits.CombinatorialInterpolation, Count, 3);
        Assert.That(points.All(p => In(p["a"], 1, 2) && In(p["b"], 11, 12)), Is.True);
        Assert.That(points.Select(p => p["a"]).Distinct().Count(), Is.EqualTo(Count), "sampled, not one corner");
    }

    [Test]
    public void ModeCInterpolationIsOnTheAxesAndCombinationsOffThem()
    {
        var protocol = Protocol(ProtocolMode.C);
        var train = protocol.Points(StudySplits.Interpolation, Count, 4);
        Assert.That(train.All(p => (p["a"] == 0 && In(p["b"], 10, 12)) || (p["b"] == 10 && In(p["a"], 0, 2))), Is.True);
        Assert.That(train.Count(p => p["a"] == 0), Is.InRange(Count / 4, 3 * Count / 4), "both axes, about equally");

        var combinations = protocol.Points(StudySplits.CombinatorialInterpolation, Count, 4);
        Assert.That(combinations.All(p => In(p["a"], 0, 2) && In(p["b"], 10, 12)), Is.True);
        Assert.That(combinations.Any(p => p["a"] == 0 || p["b"] == 10), Is.False);
    }

    [TestCase(ProtocolMode.A)]
    [TestCase(ProtocolMode.B)]
    [TestCase(ProtocolMode.C)]
    public void SingleExtrapolationMovesExactlyOneFeatureBeyondMidAlternately(ProtocolMode mode)
    {
        var points = Protocol(mode).Points(StudySplits.SingleExtrapolation, Count, 5);
        bool AOut(IReadOnlyDictionary<string, double> p) => In(p["a"], 2, 4) && In(p["b"], 10, 12) && p["a"] > 2;
        bool BOut(IReadOnlyDictionary<string, double> p) => In(p["b"], 12, 14) && In(p["a"], 0, 2) && p["b"] > 12;
        Assert.That(points.All(p => AOut(p) ^ BOut(p)), Is.True);
        Assert.That(points.Count(AOut), Is.EqualTo(Count / 2));
        Assert.That(points.Where((_, i) => i % 2 == 0).All(AOut), Is.True);
        Assert.That(points.Where((_, i) => i % 2 == 1).All(BOut), Is.True);
    }

    [TestCase(ProtocolMode.A)]
    [TestCase(ProtocolMode.B)]
    [TestCase(ProtocolMode.C)]
    public void AllExtrapolationMovesBothFeaturesBeyondMid(ProtocolMode mode)
    {
        var points = Protocol(mode).Points(StudySplits.AllExtrapolation, Count, 6);
        Assert.That(points.All(p => In(p["a"], 2, 4) && In(p["b"], 12, 14)), Is.True);
        Assert.That(points.Any(p => p["a"] > 3) && points.Any(p => p["a"] < 3), Is.True);
    }

    [Test]
    public void ReversedFeaturesExtrapolateDownwardsAndKeepTheInnerSquareUnseen()
    {
        var g = ContextFeature.Parse("g", "11:10:9.5:9");
        var protocol = new EvaluationProtocol([g, B], ProtocolMode.B);
        Assert.That(protocol.TrainBoxes[0].Ranges["g"], Is.EqualTo(new ParameterRange(10, 11)));
        var train = protocol.Points(StudySplits.Interpolation, Count, 7);
        Assert.That(train.All(p => In(p["g"], 9.5, 11) && In(p["b"], 10, 12)), Is.True);
        Assert.That(train.Any(p => p["g"] < 10 && p["b"] > 11), Is.False);
        Assert.That(protocol.Points(StudySplits.CombinatorialInterpolation, Count, 7).All(p => In(p["g"], 9.5, 10) && In(p["b"], 11, 12)), Is.True);
        Assert.That(protocol.Points(StudySplits.AllExtrapolation, Count, 7).All(p => In(p["g"], 9, 9.5) && In(p["b"], 12, 14)), Is.True);
    }

    [Test]
    public void OneFeatureProtocolHasOneBoxAndNoCombinations()
    {
        var protocol = new EvaluationProtocol([A], ProtocolMode.A);
        Assert.That(protocol.TrainBoxes, Has.Count.EqualTo(1));
        Assert.That(protocol.TrainBoxes[0].Ranges, Is.EqualTo(new Dictionary<string, ParameterRange> { ["a"] = new(0, 2) }));
        Assert.That(protocol.Splits, Is.EqualTo(new[] { StudySplits.Interpolation, StudySplits.AllExtrapolation }));
        Assert.That(protocol.Points(StudySplits.Interpolation, Count, 8).All(p => p.Count == 1 && In(p["a"], 0, 2)), Is.True);
        Assert.That(protocol.Points(StudySplits.AllExtrapolation, Count, 8).All(p => In(p["a"], 2, 4)), Is.True);
        Assert.Throws<ArgumentException>(() => protocol.Points(StudySplits.SingleExtrapolation, 4, 8));
    }

    [Test]
    public void PointsAreReproducibleForASeedAndDifferAcrossSeedsAndSplits()
    {
        var protocol = Protocol(ProtocolMode.B);
        var first = protocol.Points(StudySplits.AllExtrapolation, 20, 42);
        Assert.That(protocol.Points(StudySplits.AllExtrapolation, 20, 42), Is.EqualTo(first));
        Assert.That(Protocol(ProtocolMode.B).Points(StudySplits.AllExtrapolation, 20, 42), Is.EqualTo(first), "a fresh protocol too");
        Assert.That(protocol.Points(StudySplits.AllExtrapolation, 20, 43), Is.Not.EqualTo(first));
        Assert.That(protocol.Points(StudySplits.AllExtrapolation, 5, 42), Is.EqualTo(first.Take(5)), "a prefix for fewer points");
        // Same region, different split: the salt must still change the draws (mode C's combinations cover mode A's train box).
        var combinations = Protocol(ProtocolMode.C).Points(StudySplits.CombinatorialInterpolation, 20, 42);
        var interpolation = Protocol(ProtocolMode.A).Points(StudySplits.Interpolation, 20, 42);
        Assert.That(combinations, Is.Not.EqualTo(interpolation));
        Assert.That(protocol.Points(StudySplits.Interpolation, 0, 1), Is.Empty);
    }

    [Test]
    public void BadProtocolsAndSplitsAreRejected()
    {
        Assert.That(() => new EvaluationProtocol([A], ProtocolMode.B), Throws.ArgumentException.With.Message.Contains("only mode A"));
        Assert.That(() => new EvaluationProtocol([A], ProtocolMode.C), Throws.ArgumentException);
        Assert.That(() => new EvaluationProtocol([], ProtocolMode.A), Throws.ArgumentException);
        Assert.That(() => new EvaluationProtocol([A, B, ContextFeature.Parse("c", "0:1:2:3")], ProtocolMode.A), Throws.ArgumentException);
        Assert.That(() => new EvaluationProtocol([A, ContextFeature.Parse("a", "5:6:7:8")], ProtocolMode.A),
            Throws.ArgumentException.With.Message.Contains("'a' twice"));
        Assert.That(() => new EvaluationProtocol([A, B], (ProtocolMode)7), Throws.ArgumentException);
        var protocol = Protocol(ProtocolMode.A);
        Assert.That(() => protocol.Points("extrapolation", 4, 1), Throws.ArgumentException.With.Message.Contains("'extrapolation'"));
        Assert.That(() => protocol.Points(StudySplits.CombinatorialInterpolation, 4, 1), Throws.ArgumentException);
        Assert.That(() => protocol.Points(StudySplits.Interpolation, -1, 1), Throws.ArgumentException);
    }
}
