using HyperRL.Agents.Training;
using HyperRL.Cli.Progress;
using Spectre.Console.Testing;

namespace HyperRL.Cli.Tests.Progress;

public sealed class LiveProgressTests
{
    private const string StopNotice = "stopping: finishing the current update and writing a checkpoint (resume with --resume) ...";

    [TestCase(40)]
    [TestCase(160)]
    public void TheScreenEndsWithTheEvaluationLinesAboveTheFinalFrameAndNothingStale(int width)
    {
        var console = new ObservedConsole(Terminal(width));
        var run = ProgressSamples.SteadyRun(totalSteps: 100_000, updates: 200, stepsPerSecond: 4000);
        var eval = ProgressSamples.HeldOutEval();
        var errors = new StringWriter();
        using (var live = new LiveProgress(console, errors))
        {
            // An evaluation and a Ctrl-C notice, each printed over a frame that is on screen (waiting for it is what
            // makes the test see the case where a short printed line replaces a longer display line).
            foreach (var s in run.Take(100)) live.OnProgress(s);
            console.WaitFor("50,000/100,000 steps");
            live.OnEvaluation(50_000, [eval]);
            console.WaitFor("eval @ 50,000");
            foreach (var s in run.Skip(100).Take(99)) live.OnProgress(s);
            console.WaitFor("99,500/100,000 steps");
            live.Notice(StopNotice);
            live.OnProgress(run[^1]);
        }

        var screen = new VirtualTerminal(width);
        screen.Feed(console.Output);
        Assert.That(screen.AutoWraps, Is.Zero, "a line wider than the terminal puts the live display's cursor off by a line");
        var frame = Frame(new ProgressView(run[^1], 4000), width);
        var rows = screen.NonBlankRows;
        Assert.That(rows.Skip(rows.Count - frame.Length), Is.EqualTo(frame), "the final frame, last on screen");
        Assert.That(string.Join(" ", rows.Take(rows.Count - frame.Length)),
            Is.EqualTo($"{ProgressText.Evaluation(50_000, eval)} {StopNotice}"), "above it the printed lines, whole and nothing else");
        Assert.That(string.Join("\n", frame), Does.Contain("100,000/100,000 steps").And.Contain("100%").And.Contain("ETA 0:00:00"));
        Assert.That(errors.ToString(), Is.Empty);
    }

    [Test]
    public void ARunThatEndsBeforeItsFirstUpdateDrawsNothing()
    {
        var console = Terminal(80);
        new LiveProgress(console, TextWriter.Null).Dispose();
        Assert.That(console.Output, Is.Empty);
    }

    [Test]
    public void ANoticeBeforeTheFirstUpdateIsAPlainLineAndStartsNoDisplay()
    {
        var console = Terminal(100);
        using (var live = new LiveProgress(console, TextWriter.Null)) live.Notice(StopNotice);

        var screen = new VirtualTerminal(100);
        screen.Feed(console.Output);
        Assert.That(screen.NonBlankRows, Is.EqualTo(new[] { StopNotice }));
    }

    [Test]
    public void DisposingTwiceIsHarmlessAndLaterNoticesArePlainLines()
    {
        var console = Terminal(100);
        var live = new LiveProgress(console, TextWriter.Null);
        live.OnProgress(new TrainingSnapshot(1000, 2000, 1, 1000, 1, 5));
        live.Dispose();
        live.Dispose();
        live.Notice(StopNotice);

        var screen = new VirtualTerminal(100);
        screen.Feed(console.Output);
        Assert.That(screen.NonBlankRows[^1], Is.EqualTo(StopNotice));
        Assert.That(screen.NonBlankRows[0], Does.Contain("1,000/2,000 steps"), "the frame stays where it was");
    }

    [Test]
    public void OnProgressAllocatesNothingOnTheTrainingThread()
    {
        var console = Terminal(80);
        using var live = new LiveProgress(console, TextWriter.Null);
        var run = ProgressSamples.SteadyRun(totalSteps: 1_000_000, updates: 10_000, stepsPerSecond: 50_000);
        live.OnProgress(run[0]);  // starts the display thread

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 1; k < run.Count; k++) live.OnProgress(run[k]);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero, "OnProgress runs after every update: it hands the snapshot over and returns");
    }

    /// <summary>An interactive ANSI terminal of a fixed size whose output keeps the escape sequences.</summary>
    private static TestConsole Terminal(int width) => new TestConsole().Width(width).Height(24).Interactive().EmitAnsiSequences();

    private static string[] Frame(ProgressView view, int width)
    {
        var console = new TestConsole().Width(width);
        console.Write(view);
        return [.. console.Lines.Select(l => l.TrimEnd())];
    }
}
