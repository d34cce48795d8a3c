using HyperRL.Agents.Training;
using HyperRL.Cli.Progress;

namespace HyperRL.Cli.Tests.Progress;

public sealed class RunProgressTests
{
    [Test]
    public void EachRunGetsItsOwnDisplayStoppedWhenTheRunReturns()
    {
        var displays = new List<RecordingDisplay>();
        var progress = new RunProgress(() => Add(displays), TextWriter.Null);
        for (int seed = 0; seed < 2; seed++)
        {
            int result = progress.Run(display =>
            {
                display!.OnProgress(new TrainingSnapshot(1, 1, 1, 1, 0, double.NaN));
                Assert.That(displays[^1].Disposals, Is.Zero, "up while the run trains");
                return 7;
            });
            Assert.That(result, Is.EqualTo(7));
        }
        Assert.That(displays.Select(d => (d.Updates, d.Disposals)), Is.EqualTo(new[] { (1, 1), (1, 1) }));
    }

    [Test]
    public void ADisplayIsStoppedWhenTrainingThrows()
    {
        var displays = new List<RecordingDisplay>();
        var progress = new RunProgress(() => Add(displays), TextWriter.Null);
        Assert.Throws<InvalidOperationException>(() => progress.Run<int>(_ => throw new InvalidOperationException("boom")));
        Assert.That(displays.Single().Disposals, Is.EqualTo(1));
    }

    [Test]
    public void NoticesGoThroughTheDisplayThatIsUpAndElsewhereToErrors()
    {
        var errors = new StringWriter();
        var displays = new List<RecordingDisplay>();
        var progress = new RunProgress(() => Add(displays), errors);
        progress.Notice("before");
        progress.Run(_ =>
        {
            progress.Notice("during");
            return 0;
        });
        progress.Notice("after");

        Assert.That(displays.Single().Notices, Is.EqualTo(new[] { "during" }));
        Assert.That(errors.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "before", "after" }));
    }

    [Test]
    public void QuietRunsTrainWithoutADisplay()
    {
        var errors = new StringWriter();
        var progress = new RunProgress(() => null, errors);
        Assert.That(progress.Run(display => display), Is.Null);
        progress.Notice("stopping");
        Assert.That(errors.ToString(), Is.EqualTo("stopping" + Environment.NewLine));
    }

    private static RecordingDisplay Add(List<RecordingDisplay> displays)
    {
        var display = new RecordingDisplay();
        displays.Add(display);
        return display;
    }
}
