using HyperRL.Agents.Training;
using HyperRL.Cli.Progress;
using Spectre.Console.Testing;

namespace HyperRL.Cli.Tests.Progress;

public sealed class ProgressViewTests
{
    private static readonly TrainingSnapshot Finished = new(100_000, 100_000, 25, 4000, 150, 60);

    [Test]
    public void NoLineIsWiderThanTheConsoleAtAnyWidth()
    {
        var halfway = new TrainingSnapshot(45_056, 100_000, 11.3, 3987, 123, double.NaN);
        for (int width = 1; width <= 200; width++)
        {
            foreach (var view in new[] { new ProgressView(halfway, 3987.4), new ProgressView(Finished, 4000), new ProgressView(null, double.NaN) })
            {
                var lines = Render(view, width);
                Assert.That(lines.Max(l => l.Length), Is.LessThanOrEqualTo(width), $"width {width}:\n{string.Join('\n', lines)}");
            }
        }
    }

    [Test]
    public void FortyColumnsTakeFourLinesWithEveryFieldWhole()
    {
        Assert.That(Render(new ProgressView(Finished, 4000), 40), Is.EqualTo(new[]
        {
            "━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 100%",
            "100,000/100,000 steps  4,000 steps/s",
            "elapsed 0:00:25  ETA 0:00:00",
            "150 episodes  return(20) 60.0",
        }));
    }

    [Test]
    public void AWideConsoleTakesOneLine()
    {
        Assert.That(Render(new ProgressView(Finished, 4000), 160), Is.EqualTo(new[]
        {
            "━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 100%  100,000/100,000 steps  4,000 steps/s  elapsed 0:00:25  " +
            "ETA 0:00:00  150 episodes  return(20) 60.0",
        }));
    }

    [Test]
    public void UnfinishedRunsNeverShowAFullBarOrAHundredPercent()
    {
        var line = Render(new ProgressView(new TrainingSnapshot(99_999, 100_000, 25, 4000, 150, 60), 4000), 60)[0];
        Assert.That(line, Does.EndWith(" 99%"));
        Assert.That(line, Does.Contain("─"), "one cell of the bar still to go");
    }

    [Test]
    public void UnknownRateAndReturnShowDashes()
    {
        var lines = string.Join('\n', Render(new ProgressView(new TrainingSnapshot(2048, 100_000, 0.5, double.NaN, 0, double.NaN), double.NaN), 40));
        Assert.That(lines, Does.Contain("-- steps/s").And.Contain("ETA --:--").And.Contain("return(20) --"));
    }

    [Test]
    public void WithoutUnicodeTheBarIsAscii()
    {
        var console = new TestConsole().Width(40).SupportsUnicode(false);
        console.Write(new ProgressView(new TrainingSnapshot(50_000, 100_000, 12, 4000, 75, 30), 4000));
        Assert.That(console.Lines[0], Does.Match(@"^#+-+  50%$"));
    }

    private static string[] Render(ProgressView view, int width)
    {
        var console = new TestConsole().Width(width);
        console.Write(view);
        return [.. console.Lines.Select(l => l.TrimEnd())];
    }
}
