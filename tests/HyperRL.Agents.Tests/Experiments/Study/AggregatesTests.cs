using HyperRL.Agents.Experiments.Study;
using HyperRL.Envs.Util;

namespace HyperRL.Agents.Tests.Experiments.Study;

public sealed class AggregatesTests
{
    private static double Mean(double[][] m) => m.SelectMany(r => r).Average();
    private static double PooledIqm(double[][] m) => Aggregates.Iqm(m.SelectMany(r => r));

    private static double[][] Random(int runs, int points, ulong seed)
    {
        var rng = new Rng(seed);
        return Enumerable.Range(0, runs).Select(_ => Enumerable.Range(0, points).Select(_ => rng.NextGaussian()).ToArray()).ToArray();
    }

    [Test]
    public void IqmTrimsAQuarterFromEachEnd()
    {
        // Sorted: -50 1 | 2 3 5 7 | 10 100.
        Assert.That(Aggregates.Iqm([10, 1, 7, 3, 100, 2, 5, -50]), Is.EqualTo(4.25).Within(1e-12));
        // n = 10: scipy's trim_mean cuts int(2.5) = 2 from each end, leaving 2 3 4 5 6 50 (cutting 3 would leave 3..6 = 4.5).
        Assert.That(Aggregates.Iqm([1000, 0, 1, 2, 3, 4, 5, 6, 50, 100]), Is.EqualTo(70.0 / 6).Within(1e-12));
        // n = 5 cuts 1; n = 3 cuts none (a plain mean).
        Assert.That(Aggregates.Iqm([9, 1, 3, 4, 100]), Is.EqualTo(16.0 / 3).Within(1e-12));
        Assert.That(Aggregates.Iqm([1, 2, 9]), Is.EqualTo(4).Within(1e-12));
        Assert.That(() => Aggregates.Iqm([]), Throws.ArgumentException);
    }

    [Test]
    public void PercentileInterpolatesLinearlyLikeNumpy()
    {
        // np.percentile([1, 2, 3, 4], [25, 97.5]) = [1.75, 3.925].
        double[] sorted = [1, 2, 3, 4];
        Assert.That(StratifiedBootstrap.Percentile(sorted, 0.25), Is.EqualTo(1.75).Within(1e-12));
        Assert.That(StratifiedBootstrap.Percentile(sorted, 0.975), Is.EqualTo(3.925).Within(1e-12));
        Assert.That(StratifiedBootstrap.Percentile(sorted, 1), Is.EqualTo(4));
        Assert.That(StratifiedBootstrap.Percentile(sorted, 0), Is.EqualTo(1));
    }

    [Test]
    public void BootstrapCiCollapsesWhenEveryRunScoresTheSame()
    {
        double[][] scores = [[3, 7], [3, 7], [3, 7]];
        Assert.That(Aggregates.BootstrapCi(scores, Mean, 500, 1), Is.EqualTo(new Interval(5, 5)));
        Assert.That(Aggregates.BootstrapCi(scores, PooledIqm, 500, 1), Is.EqualTo(new Interval(5, 5)));
    }

    [Test]
    public void BootstrapResamplesRunsWithinEachPointOnly()
    {
        // Every point's runs agree, so a stratified resample always has the same cells; pooling cells across
        // points would mix the 0s and 1s and spread the mean.
        double[][] scores = [[0, 1], [0, 1], [0, 1], [0, 1]];
        Assert.That(Aggregates.BootstrapCi(scores, Mean, 1000, 2), Is.EqualTo(new Interval(0.5, 0.5)));
        Assert.That(Aggregates.BootstrapCi(scores, m => m.Length * 10 + m[0].Length, 10, 2), Is.EqualTo(new Interval(42, 42)), "same shape");
    }

    [Test]
    public void TwoRunsOfOnePointSpanZeroToOne()
    {
        // Resampled means are 0, 0.5 or 1 with probability 1/4, 1/2, 1/4: the 2.5 and 97.5 percentiles are the extremes.
        double[][] scores = [[0], [1]];
        var ci = Aggregates.BootstrapCi(scores, Mean, 2000, 3);
        Assert.That(ci, Is.EqualTo(new Interval(0, 1)));
        Assert.That(0.5, Is.InRange(ci.Low, ci.High));
        // At 40% confidence the 30th and 70th percentiles both fall among the half-way means.
        Assert.That(Aggregates.BootstrapCi(scores, Mean, 2000, 3, confidence: 0.4), Is.EqualTo(new Interval(0.5, 0.5)));
    }

    [Test]
    public void BootstrapCiBracketsTheStatisticAndIsDeterministic()
    {
        var scores = Random(10, 6, 11);
        double iqm = PooledIqm(scores);
        var ci = Aggregates.BootstrapCi(scores, PooledIqm, 2000, 5);
        Assert.That(ci.Low, Is.LessThan(iqm));
        Assert.That(ci.High, Is.GreaterThan(iqm));
        Assert.That(ci.High - ci.Low, Is.LessThan(2), "a sensible width for 60 unit-variance scores");
        Assert.That(Aggregates.BootstrapCi(scores, PooledIqm, 2000, 5), Is.EqualTo(ci));
        Assert.That(Aggregates.BootstrapCi(scores, PooledIqm, 2000, 6), Is.Not.EqualTo(ci));
        var narrower = Aggregates.BootstrapCi(scores, PooledIqm, 2000, 5, confidence: 0.5);
        Assert.That(narrower.Low, Is.GreaterThan(ci.Low));
        Assert.That(narrower.High, Is.LessThan(ci.High));
    }

    [Test]
    public void ProbabilityOfImprovementIsTheMannWhitneyFractionAveragedOverPoints()
    {
        // Point 0: x {3, 5} vs y {1, 4}: 3>1, 3<4, 5>1, 5>4 -> 3/4.
        // Point 1: x {1, 2} vs y {2, 3}: only 2 = 2, a tie worth 1/2 -> 1/8.
        double[][] x = [[3, 1], [5, 2]];
        double[][] y = [[1, 2], [4, 3]];
        Assert.That(Aggregates.ProbabilityOfImprovement(Column(x, 0), Column(y, 0)), Is.EqualTo(0.75).Within(1e-12));
        Assert.That(Aggregates.ProbabilityOfImprovement(Column(x, 1), Column(y, 1)), Is.EqualTo(0.125).Within(1e-12));
        Assert.That(Aggregates.ProbabilityOfImprovement(x, y), Is.EqualTo((0.75 + 0.125) / 2).Within(1e-12));
        Assert.That(Aggregates.ProbabilityOfImprovement(x, x), Is.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void ProbabilityOfImprovementIsComplementaryWithTiesAndUnequalRuns()
    {
        var rng = new Rng(21);
        // Small integers so ties are common; 3 runs against 5.
        double[][] x = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 4).Select(_ => (double)rng.NextInt(3)).ToArray()).ToArray();
        double[][] y = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, 4).Select(_ => (double)rng.NextInt(3)).ToArray()).ToArray();
        Assert.That(Aggregates.ProbabilityOfImprovement(x, y) + Aggregates.ProbabilityOfImprovement(y, x), Is.EqualTo(1).Within(1e-12));
        Assert.That(Aggregates.ProbabilityOfImprovement([[2.0]], [[1.0], [3.0], [2.0]]), Is.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void ProbabilityOfImprovementCiContainsTheEstimate()
    {
        var x = Random(6, 5, 31);
        var y = Random(8, 5, 32).Select(r => r.Select(v => v - 0.5).ToArray()).ToArray();
        double p = Aggregates.ProbabilityOfImprovement(x, y);
        var ci = Aggregates.ProbabilityOfImprovementCi(x, y, 2000, 7);
        Assert.That(p, Is.InRange(ci.Low, ci.High));
        Assert.That(ci.Low, Is.LessThan(ci.High));
        Assert.That(ci.Low, Is.GreaterThanOrEqualTo(0));
        Assert.That(ci.High, Is.LessThanOrEqualTo(1));
        Assert.That(Aggregates.ProbabilityOfImprovementCi(x, y, 2000, 7), Is.EqualTo(ci));
        // A scheme that always wins keeps winning in every resample.
        var far = x.Select(r => r.Select(v => v + 100).ToArray()).ToArray();
        Assert.That(Aggregates.ProbabilityOfImprovementCi(far, y, 200, 7), Is.EqualTo(new Interval(1, 1)));
    }

    [Test]
    public void NormalizeMapsRandomToZeroAndSolvedToOne()
    {
        Assert.That(Aggregates.Normalize(50, 10, 110), Is.EqualTo(0.4).Within(1e-12));
        Assert.That(Aggregates.Normalize(10, 10, 110), Is.EqualTo(0));
        Assert.That(Aggregates.Normalize(110, 10, 110), Is.EqualTo(1));
        // Pendulum-like negative returns: solved above random still maps the same way.
        Assert.That(Aggregates.Normalize(-600, -1200, -200), Is.EqualTo(0.6).Within(1e-12));
        Assert.That(() => Aggregates.Normalize(1, 5, 5), Throws.ArgumentException);
    }

    [Test]
    public void BadInputsAreRejectedWithOneLineMessages()
    {
        double[][] good = [[1, 2], [3, 4]];
        var cases = new Dictionary<string, TestDelegate>
        {
            ["no runs"] = () => Aggregates.BootstrapCi([], Mean, 10, 1),
            ["no points"] = () => Aggregates.BootstrapCi([[], []], Mean, 10, 1),
            ["ragged"] = () => Aggregates.BootstrapCi([[1, 2], [3]], Mean, 10, 1),
            ["0 resamples"] = () => Aggregates.BootstrapCi(good, Mean, 0, 1),
            ["confidence 0"] = () => Aggregates.BootstrapCi(good, Mean, 10, 1, 0),
            ["confidence 1"] = () => Aggregates.BootstrapCi(good, Mean, 10, 1, 1),
            ["confidence NaN"] = () => Aggregates.BootstrapCi(good, Mean, 10, 1, double.NaN),
            ["ragged x"] = () => Aggregates.ProbabilityOfImprovement([[1, 2], [3]], good),
            ["empty y"] = () => Aggregates.ProbabilityOfImprovement(good, []),
            ["point counts"] = () => Aggregates.ProbabilityOfImprovement(good, [[1, 2, 3]]),
            ["ci point counts"] = () => Aggregates.ProbabilityOfImprovementCi(good, [[1]], 10, 1),
            ["ci resamples"] = () => Aggregates.ProbabilityOfImprovementCi(good, good, 0, 1),
            ["ci confidence"] = () => Aggregates.ProbabilityOfImprovementCi(good, good, 10, 1, 1.5),
        };
        foreach (var (name, call) in cases)
        {
            var e = Assert.Throws<ArgumentException>(call, name)!;
            Assert.That(e.Message, Does.Not.Contain("\n"), name);
        }
        Assert.That(Assert.Throws<ArgumentException>(() => Aggregates.BootstrapCi([[1, 2], [3]], Mean, 10, 1))!.Message, Does.Contain("run 1 has 1"));
    }

    private static double[][] Column(double[][] m, int j) => m.Select(r => new[] { r[j] }).ToArray();
}
