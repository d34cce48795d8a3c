using HyperRL.Testing;
using HyperRL.Agents.Runs;
using HyperRL.Envs.ClassicControl;

namespace HyperRL.Agents.Tests.Runs;

/// <summary>The run schema: what RunLog writes, RunReader reads back, one column per descriptor parameter.</summary>
public sealed class RunLogTests() : TempRootTest("hyperrl-runlog-")
{
    private static readonly double[] Descriptor = [9.8, 1.0, 0.1, 0.75, 10.0, 1.0];

    private RunLayout WriteSmallRun()
    {
        var layout = new RunLayout(Root);
        using var log = new RunLog(layout, CartPoleDescriptor.Spec);
        for (int k = 1; k <= 3; k++)
        {
            log.Write(new MetricsRow(100 * k, k, 0.5 * k, 2 * k, 20.5 + k, [new("policy_loss", -0.1 * k), new("entropy", 0.69)], 200));
            log.Write(new EpisodeRow(100 * k, k - 1, 21 + k, 21 + k, Truncated: k == 2, Descriptor));
        }
        log.Write(new EvalRow(300, 1.5, RunColumns.TrainSet, 500, 0, 500, 10, 0, Descriptor: null));
        log.Write(new EvalRow(300, 1.5, "heldout0", 123.5, 4.25, 130, 10, 0.7, Descriptor));
        return layout;
    }

    [Test]
    public void RowsReadBackWithOneColumnPerDescriptorParameter()
    {
        var layout = WriteSmallRun();
        Assert.That(File.ReadLines(layout.Episodes).First(),
            Is.EqualTo("step,env,return,length,truncated,descriptor.gravity,descriptor.cart_mass,descriptor.pole_mass,descriptor.pole_length,descriptor.force_mag,descriptor.actuator_gain"));

        var episodes = RunReader.ReadEpisodes(layout, CartPoleDescriptor.Spec);
        Assert.That(episodes.Select(e => e.Step), Is.EqualTo(new long[] { 100, 200, 300 }));
        Assert.That(episodes.Select(e => e.Truncated), Is.EqualTo(new[] { false, true, false }));
        Assert.That(episodes[2].Descriptor, Is.EqualTo(Descriptor));
        Assert.That(episodes[1].Return, Is.EqualTo(23));

        var eval = RunReader.ReadEval(layout, CartPoleDescriptor.Spec);
        Assert.That(eval[0].Descriptor, Is.Null, "a randomized set has no single descriptor");
        Assert.That(eval[1], Is.EqualTo(eval[1] with { Step = 300, Set = "heldout0", MeanReturn = 123.5, StdReturn = 4.25, MeanLength = 130, Episodes = 10, Terminated = 0.7 }));
        Assert.That(eval[1].Descriptor, Is.EqualTo(Descriptor));

        var metrics = RunReader.ReadMetrics(layout);
        Assert.That(metrics.Columns, Is.EqualTo(new[] { "step", "update", "seconds", "episodes", "episode_return_recent", "policy_loss", "entropy", "rss_mb" }));
        Assert.That(metrics.Column("policy_loss"), Is.EqualTo(new[] { -0.1, -0.2, -0.1 * 3 }));
        Assert.Throws<ArgumentException>(() => metrics.Column("elbo"));
    }

    [Test]
    public void TruncationKeepsTheRowsUpToTheCheckpointAndAppendingContinues()
    {
        var layout = WriteSmallRun();
        RunLog.TruncateAfterStep(layout, 200);
        Assert.That(RunReader.ReadMetrics(layout).Column(RunColumns.Step), Is.EqualTo(new double[] { 100, 200 }));
        Assert.That(RunReader.ReadEval(layout, CartPoleDescriptor.Spec), Is.Empty);
        using (var log = new RunLog(layout, CartPoleDescriptor.Spec))
            log.Write(new MetricsRow(300, 3, 1.5, 6, 30, [new("policy_loss", 1.0), new("entropy", 0.5)], 210));
        Assert.That(RunReader.ReadMetrics(layout).Column(RunColumns.Step), Is.EqualTo(new double[] { 100, 200, 300 }));
    }

    [Test]
    public void AFileOfAnotherSchemaIsAOneLineErrorNotAWrongCurve()
    {
        var layout = new RunLayout(Root);
        File.WriteAllText(layout.Eval, "step,seconds,set,descriptor,mean_return,std_return,mean_length,episodes\n10,1,train,\"pole_length=0.5, force_mag=10\",20,1,20,5\n");
        var old = Assert.Throws<InvalidDataException>(() => RunReader.ReadEval(layout, CartPoleDescriptor.Spec));
        Assert.That(old!.Message, Does.Contain("older HyperRL").And.Contain("eval.csv"));
        Assert.That(old.Message.Split('\n'), Has.Length.EqualTo(1));

        var appending = Assert.Throws<InvalidOperationException>(() => new RunLog(layout, CartPoleDescriptor.Spec));
        Assert.That(appending!.Message, Does.Contain("eval.csv").And.Contain("columns"));
    }
}
