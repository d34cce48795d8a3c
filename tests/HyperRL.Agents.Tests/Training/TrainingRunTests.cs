using HyperRL.Testing;
using HyperRL.Agents.Config;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;
using HyperRL.Envs.ClassicControl;
using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Tests;

/// <summary>Short real training runs on CartPole with fixed seeds (small budgets; long runs are benchmarks).</summary>
public sealed class TrainingRunTests() : TempRootTest("hyperrl-agents-")
{
    private static TrainConfig SmallPpo(long steps) => Presets.Presets.For("CartPole-v1", "ppo") with
    {
        TotalSteps = steps, EvalEvery = 0, EvalEpisodes = 5, CheckpointEvery = 0,
    };

    [Test]
    public void PpoWithAHypernetworkPolicyClearlyImprovesOnCartPole()
    {
        var result = Trainer.Train(SmallPpo(12_288), Path.Combine(Root, "ppo"));
        double early = Episodes("ppo").Take(20).Average(e => e.Return);
        Assert.That(early, Is.LessThan(40), "a fresh policy is near random (about 22)");
        Assert.That(result.FinalEvaluation[0].MeanReturn, Is.GreaterThan(100), $"after {result.Steps} steps (early episodes: {early:F1})");
    }

    [Test]
    public void DqnClearlyImprovesOnCartPole()
    {
        var config = Presets.Presets.For("CartPole-v1", "dqn") with
        {
            TotalSteps = 12_000, EvalEvery = 3_000, EvalEpisodes = 5, CheckpointEvery = 0,
        };
        Trainer.Train(config, Path.Combine(Root, "dqn"));
        var evals = RunReader.ReadEval(new RunLayout(Path.Combine(Root, "dqn")), CartPoleDescriptor.Spec).Select(e => e.MeanReturn).ToList();
        Assert.That(Episodes("dqn").Take(20).Average(e => e.Return), Is.LessThan(40), "epsilon-greedy from a fresh network is near random");
        // DQN on CartPole oscillates (a known trait); the best greedy evaluation shows what it learned.
        Assert.That(evals.Max(), Is.GreaterThan(150), $"greedy evaluations: {string.Join(", ", evals)}");
    }

    [Test]
    public void SameSeedAndConfigGiveTheSameCurve()
    {
        Trainer.Train(SmallPpo(2_048), Path.Combine(Root, "a"));
        Trainer.Train(SmallPpo(2_048), Path.Combine(Root, "b"));
        Trainer.Train(SmallPpo(2_048) with { Seed = 2 }, Path.Combine(Root, "c"));
        var a = MetricsWithoutTimes(Path.Combine(Root, "a"));
        Assert.That(a.Count, Is.EqualTo(8), "2048 steps = 8 updates of 32 x 8");
        Assert.That(MetricsWithoutTimes(Path.Combine(Root, "b")), Is.EqualTo(a));
        Assert.That(MetricsWithoutTimes(Path.Combine(Root, "c")), Is.Not.EqualTo(a));
    }

    [Test]
    public void ResumeContinuesTheStepCountFromTheCheckpoint()
    {
        string run = Path.Combine(Root, "resume");
        var first = Trainer.Train(SmallPpo(2_048) with { CheckpointEvery = 1_024 }, run);
        Assert.That(first.Steps, Is.EqualTo(2_048));
        Assert.That(File.Exists(Path.Combine(run, "checkpoint", "trainer.json")), Is.True);
        Assert.That(File.Exists(Path.Combine(run, "policy.hrlp")), Is.True);

        var second = Trainer.Resume(run, totalSteps: 4_096);
        Assert.That(second.Steps, Is.EqualTo(4_096));
        var steps = RunReader.ReadMetrics(new RunLayout(run)).Column(RunColumns.Step);
        Assert.That(steps, Is.Ordered.Ascending, "one continuous curve");
        Assert.That(steps.First(), Is.EqualTo(256));
        Assert.That(steps.Last(), Is.EqualTo(4_096));
        Assert.That(steps.Count, Is.EqualTo(16));
    }

    [Test]
    public void CancellationStopsCleanlyWithAResumableCheckpoint()
    {
        string run = Path.Combine(Root, "cancel");
        using var cancellation = new CancellationTokenSource();
        var stopped = Trainer.Train(SmallPpo(4_096), run, new CancelAt(1_024, cancellation), cancellation.Token);
        Assert.That(stopped.Stopped, Is.True);
        Assert.That(stopped.Steps, Is.EqualTo(1_024), "stops after the update in progress");
        Assert.That(File.Exists(Path.Combine(run, "checkpoint", "trainer.json")), Is.True);

        var resumed = Trainer.Resume(run);
        Assert.That(resumed.Stopped, Is.False);
        Assert.That(resumed.Steps, Is.EqualTo(4_096));
    }

    private sealed class CancelAt(long step, CancellationTokenSource source) : ITrainingProgress
    {
        public void OnProgress(TrainingSnapshot snapshot)
        {
            if (snapshot.Step >= step) source.Cancel();
        }

        public void OnEvaluation(long at, IReadOnlyList<EvalResult> results)
        {
        }
    }

    [Test]
    public void ExistingRunCorruptCheckpointAndBadConfigAreClearErrors()
    {
        string run = Path.Combine(Root, "x");
        Trainer.Train(SmallPpo(256), run);
        var again = Assert.Throws<InvalidOperationException>(() => Trainer.Train(SmallPpo(256), run));
        Assert.That(again!.Message, Does.Contain("already holds a run"));

        var finished = Assert.Throws<InvalidOperationException>(() => Trainer.Resume(run));
        Assert.That(finished!.Message, Does.Contain("already has 256 steps"));

        File.WriteAllText(Path.Combine(run, "checkpoint", "network.bin"), "not a checkpoint");
        var corrupt = Assert.Throws<InvalidOperationException>(() => Trainer.Resume(run, 512));
        Assert.That(corrupt!.Message, Does.Contain("corrupt"));

        var badEnv = Assert.Throws<ConfigException>(() => Trainer.Train(SmallPpo(256) with { Env = "CartPole-v9" }, Path.Combine(Root, "y")));
        Assert.That(badEnv!.Message, Does.Contain("CartPole-v9").And.Contain("CartPole-v1"));
        Assert.That(Directory.Exists(Path.Combine(Root, "y")), Is.False, "nothing written for a rejected config");
        var badKey = Assert.Throws<ConfigException>(() => ConfigReader.Merge(SmallPpo(256), JObject.Parse("""{"ppo":{"numStep":4}}"""), "test.json"));
        Assert.That(badKey!.Message, Does.Contain("ppo.numStep").And.Contain("numSteps"));
        Assert.Throws<DirectoryNotFoundException>(() => Trainer.Resume(Path.Combine(Root, "missing")));
    }

    private IReadOnlyList<EpisodeRow> Episodes(string run) => RunReader.ReadEpisodes(new RunLayout(Path.Combine(Root, run)), CartPoleDescriptor.Spec);

    private static List<string> MetricsWithoutTimes(string run)
    {
        var metrics = RunReader.ReadMetrics(new RunLayout(run));
        // Wall-clock and memory columns vary between identical runs; everything else must match.
        var compared = metrics.Columns.Where(c => !c.EndsWith("seconds", StringComparison.Ordinal) && c != "steps_per_second" && c != RunColumns.ResidentMegabytes)
            .Select(metrics.Column).ToList();
        return Enumerable.Range(0, metrics.Count).Select(row => string.Join(",", compared.Select(column => column[row].ToString("R")))).ToList();
    }
}
