using HyperRL.Cli.Progress;

namespace HyperRL.Cli.Tests.Progress;

public sealed class StepRateSmootherTests
{
    [Test]
    public void UnknownUntilTheFirstSnapshotThenTheUpdatesOwnRate()
    {
        var smoother = new StepRateSmoother();
        Assert.That(smoother.StepsPerSecond, Is.NaN);
        smoother.Observe(2048, 0.5, 4096);
        Assert.That(smoother.StepsPerSecond, Is.EqualTo(4096));

        var noRate = new StepRateSmoother();
        noRate.Observe(2048, 0.5, double.NaN);
        Assert.That(noRate.StepsPerSecond, Is.NaN, "no reported rate and one point: nothing to show yet");
        noRate.Observe(4096, 1.0, double.NaN);
        Assert.That(noRate.StepsPerSecond, Is.EqualTo(4096), "the first difference stands alone");
    }

    [Test]
    public void ASteadyRateIsShownExactly()
    {
        var smoother = new StepRateSmoother();
        for (int k = 1; k <= 50; k++) smoother.Observe(1000L * k, 0.25 * k, 4000);
        Assert.That(smoother.StepsPerSecond, Is.EqualTo(4000).Within(1e-9));
    }

    [Test]
    public void OneSlowUpdateMovesTheRateByTheWeightOfItsTimeNotToItsOwnRate()
    {
        const double tau = 5;
        var smoother = new StepRateSmoother(tau);
        long step = 0;
        double seconds = 0;
        for (int k = 0; k < 20; k++) smoother.Observe(step += 1000, seconds += 1, 1000);
        // An update that also ran an evaluation: 100 steps in 1 s.
        smoother.Observe(step += 100, seconds += 1, 1000);

        double expected = 1000 + (1 - Math.Exp(-1 / tau)) * (100 - 1000);
        Assert.That(smoother.StepsPerSecond, Is.EqualTo(expected).Within(1e-9));
        Assert.That(smoother.StepsPerSecond, Is.GreaterThan(800), "the instantaneous 100 steps/s would halve the ETA's accuracy");
    }

    [Test]
    public void SmoothingDependsOnTrainingTimeNotOnHowOftenUpdatesCome()
    {
        // Both go from a steady 1000 steps/s to 3000 steps/s for 2 s: in one update, and in 20 updates of 0.1 s.
        var coarse = new StepRateSmoother();
        var fine = new StepRateSmoother();
        coarse.Observe(10_000, 10, 1000);
        fine.Observe(10_000, 10, 1000);
        coarse.Observe(16_000, 12, 3000);
        for (int k = 1; k <= 20; k++) fine.Observe(10_000 + 300L * k, 10 + 0.1 * k, 3000);

        Assert.That(fine.StepsPerSecond, Is.EqualTo(coarse.StepsPerSecond).Within(1e-6));
        Assert.That(coarse.StepsPerSecond, Is.InRange(1001, 2999), "between the old and the new rate");
    }

    [Test]
    public void ALastingChangeOfSpeedIsFollowedWithinAFewTimeConstants()
    {
        var smoother = new StepRateSmoother(timeConstantSeconds: 2);
        long step = 0;
        double seconds = 0;
        for (int k = 0; k < 10; k++) smoother.Observe(step += 1000, seconds += 1, 1000);
        for (int k = 0; k < 20; k++) smoother.Observe(step += 500, seconds += 1, 500);
        // 20 s = 10 time constants: within e^-10 of the change.
        Assert.That(smoother.StepsPerSecond, Is.EqualTo(500).Within(500 * Math.Exp(-10) + 1e-9));
    }

    [Test]
    public void StepsOfAnUpdateWithoutElapsedTimeCountInTheNextInterval()
    {
        var smoother = new StepRateSmoother();
        smoother.Observe(1000, 1, 1000);
        smoother.Observe(2000, 1, 1000);
        Assert.That(smoother.StepsPerSecond, Is.EqualTo(1000), "no time passed: unchanged");
        smoother.Observe(3000, 2, 1000);
        Assert.That(smoother.StepsPerSecond, Is.EqualTo(1000 + (1 - Math.Exp(-1 / StepRateSmoother.DefaultTimeConstantSeconds)) * (2000 - 1000)).Within(1e-9));
    }

    [Test]
    public void CountersGoingBackStartOver()
    {
        var smoother = new StepRateSmoother();
        smoother.Observe(100_000, 100, 1000);
        smoother.Observe(101_000, 101, 1000);
        smoother.Observe(2048, 0.5, 7000);
        Assert.That(smoother.StepsPerSecond, Is.EqualTo(7000));
    }

    [Test]
    public void TimeConstantMustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new StepRateSmoother(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new StepRateSmoother(double.NaN));
    }
}
