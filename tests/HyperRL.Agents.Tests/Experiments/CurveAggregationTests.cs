using HyperRL.Agents.Experiments;

namespace HyperRL.Agents.Tests.Experiments;

/// <summary>A group's mean and band only where all its runs have data; the rest is flagged partial with its run count.</summary>
public sealed class CurveAggregationTests
{
    private static RunCurve Curve(string run, double[] x, double[] y) => new(run, "hyper", x, y);

    [Test]
    public void TwoCurvesOfDifferentLengthsAreAveragedOnlyOverTheCommonRange()
    {
        var longer = Curve("s1", [0, 100, 200, 300, 400], [0, 10, 20, 30, 40]);
        var shorter = Curve("s2", [0, 100, 200], [10, 20, 30]);

        var group = CurveAggregation.Aggregate("hyper", [longer, shorter], smooth: 1, points: 9);

        Assert.That(group.Runs, Is.EqualTo(2));
        var full = group.Full!;
        Assert.That(full.Runs, Is.EqualTo(2));
        Assert.That(full.X[0], Is.EqualTo(0));
        Assert.That(full.X[^1], Is.EqualTo(200), "the mean stops where the shorter run does");
        Assert.That(full.Mean[^1], Is.EqualTo(25).Within(1e-12));
        Assert.That(full.Min[^1], Is.EqualTo(20).Within(1e-12));
        Assert.That(full.Max[^1], Is.EqualTo(30).Within(1e-12));

        Assert.That(group.Partial, Has.Count.EqualTo(1));
        var tail = group.Partial[0];
        Assert.That(tail.Runs, Is.EqualTo(1), "only the longer run has data past step 200");
        Assert.That(tail.X[0], Is.EqualTo(200), "the tail starts where the full part ends, without a gap");
        Assert.That(tail.X[^1], Is.EqualTo(400));
        Assert.That(tail.Mean, Is.EqualTo(tail.X.Select(x => x / 10)).Within(1e-9), "the tail is the longer run's own curve");
    }

    [Test]
    public void EachStretchSaysHowManyRunsItAverages()
    {
        var group = CurveAggregation.Aggregate("hyper",
            [Curve("s1", [0, 300], [0, 3]), Curve("s2", [0, 200], [0, 2]), Curve("s3", [100, 200], [1, 1])], smooth: 1, points: 4);

        Assert.That(group.Full!.X[0], Is.EqualTo(100), "the third seed starts late");
        Assert.That(group.Full.X[^1], Is.EqualTo(200));
        Assert.That(group.Partial.Select(p => (p.Runs, p.X[0], p.X[^1])),
            Is.EqualTo(new[] { (2, 0.0, 100.0), (1, 200.0, 300.0) }), "a leading stretch of two runs, a trailing one of one");
    }

    [Test]
    public void RunsThatShareNoXHaveNoFullPart()
    {
        var group = CurveAggregation.Aggregate("hyper", [Curve("s1", [0, 1], [0, 1]), Curve("s2", [2, 3], [2, 3])], smooth: 1, points: 5);

        Assert.That(group.Full, Is.Null);
        Assert.That(group.Partial.Select(p => p.Runs), Is.EqualTo(new[] { 1, 1 }));
    }

    [Test]
    public void ARunOfOneCurveIsAllFull()
    {
        var group = CurveAggregation.Aggregate("hyper", [Curve("s1", [256], [9])], smooth: 1);

        Assert.That(group.Full!.X, Is.EqualTo(new[] { 256.0 }));
        Assert.That(group.Full.Mean, Is.EqualTo(new[] { 9.0 }));
        Assert.That(group.Partial, Is.Empty);
    }

    [Test]
    public void TheStdBandIsClampedToTheValuesTheRunsLogged()
    {
        // A success rate: one of four seeds at 1, the rest at 0. Mean 0.25, std 0.433: mean - std is below 0.
        var group = CurveAggregation.Aggregate("hyper",
            [Curve("s1", [0, 1], [1, 1]), Curve("s2", [0, 1], [0, 0]), Curve("s3", [0, 1], [0, 0]), Curve("s4", [0, 1], [0, 0])], smooth: 1, points: 2);

        var full = group.Full!;
        var (low, high) = full.Band(CurveBand.Std);
        Assert.That(full.Mean[0] - full.Std[0], Is.LessThan(0), "the unclamped band would pass the metric's bound");
        Assert.That(low, Is.All.EqualTo(0.0));
        Assert.That(high, Is.All.EqualTo(0.25 + Math.Sqrt(0.1875)).Within(1e-12), "inside [min, max] the band stays mean + std");
        Assert.That(full.Band(CurveBand.MinMax), Is.EqualTo((full.Min, full.Max)));
    }
}
