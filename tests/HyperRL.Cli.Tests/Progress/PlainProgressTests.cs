using HyperRL.Agents.Training;
using HyperRL.Cli.Progress;

namespace HyperRL.Cli.Tests.Progress;

public sealed class PlainProgressTests
{
    [Test]
    public void PrintsTheFirstUpdateThenEveryFiveSecondsOfTrainingTimeAndTheLastOne()
    {
        var output = new StringWriter();
        using var progress = new PlainProgress(output, TextWriter.Null);
        // 24 updates of 0.5 s at 1000 steps/s: lines at 0.5 s, 5.5 s, 10.5 s and the last one at 12 s.
        foreach (var s in ProgressSamples.SteadyRun(totalSteps: 12_000, updates: 24, stepsPerSecond: 1000)) progress.OnProgress(s);

        Assert.That(Lines(output), Is.EqualTo(new[]
        {
            "       500/12,000 steps     1,000 steps/s       3 episodes  return(20)     11.0  ETA 0:00:12",
            "     5,500/12,000 steps     1,000 steps/s      33 episodes  return(20)     21.0  ETA 0:00:06",
            "    10,500/12,000 steps     1,000 steps/s      63 episodes  return(20)     31.0  ETA 0:00:02",
            "    12,000/12,000 steps     1,000 steps/s      72 episodes  return(20)     34.0  ETA 0:00:00",
        }));
    }

    [Test]
    public void TheRateIsSmoothedNotTheLastUpdates()
    {
        var output = new StringWriter();
        using var progress = new PlainProgress(output, TextWriter.Null);
        for (int k = 1; k <= 10; k++) progress.OnProgress(new TrainingSnapshot(1000L * k, 10_100, k, 1000, k, 1));
        // The last update took 1 s for 100 steps (it evaluated): 1000 + (1 - e^-0.2) * (100 - 1000) = 837.
        progress.OnProgress(new TrainingSnapshot(10_100, 10_100, 11, 100, 11, 1));

        string last = Lines(output)[^1];
        Assert.That(last, Does.StartWith("    10,100/10,100 steps       837 steps/s"));
    }

    [Test]
    public void ReturnsBeforeTheFirstEpisodeAndUnknownRatesPrintAsTheyDid()
    {
        var output = new StringWriter();
        using var progress = new PlainProgress(output, TextWriter.Null);
        progress.OnProgress(new TrainingSnapshot(256, 1024, 0.1, double.NaN, 0, double.NaN));
        Assert.That(Lines(output), Is.EqualTo(new[] { "       256/1,024 steps       NaN steps/s       0 episodes  return(20)      NaN  ETA --:--" }));
    }

    [Test]
    public void EvaluationsAreOneLineEach()
    {
        var output = new StringWriter();
        using var progress = new PlainProgress(output, TextWriter.Null);
        progress.OnEvaluation(40_960, [ProgressSamples.Eval("train", null, 500, 0), ProgressSamples.HeldOutEval()]);
        Assert.That(Lines(output), Is.EqualTo(new[]
        {
            "eval @ 40,960: train (randomized) return 500.0 +- 0.0",
            "eval @ 40,960: heldout0 (gravity=9.8, cart_mass=1, pole_mass=0.1, pole_length=0.5, force_mag=10, actuator_gain=1) return 123.4 +- 5.6",
        }));
    }

    [Test]
    public void NoticesGoToTheirOwnWriter()
    {
        var output = new StringWriter();
        var notices = new StringWriter();
        using var progress = new PlainProgress(output, notices);
        progress.Notice("stopping");
        Assert.That(output.ToString(), Is.Empty);
        Assert.That(notices.ToString(), Is.EqualTo("stopping" + Environment.NewLine));
    }

    [Test]
    public void AWriterThatIsNotTheTerminalGetsPlainLines()
    {
        using var display = ProgressDisplay.For(new StringWriter(), TextWriter.Null);
        Assert.That(display, Is.InstanceOf<PlainProgress>());
    }

    private static string[] Lines(StringWriter output) => output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
