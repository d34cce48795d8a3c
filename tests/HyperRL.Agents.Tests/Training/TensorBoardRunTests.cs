using HyperRL.Testing;
using HyperRL.Agents.Config;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Tests.Runs.TensorBoard;
using HyperRL.Agents.Training;
using HyperRL.Envs.ClassicControl;

namespace HyperRL.Agents.Tests;

/// <summary>A training run's tb/ event files, read back with the test-side reader and compared with the run's CSV files.</summary>
public sealed class TensorBoardRunTests() : TempRootTest("hyperrl-tb-run-")
{
    /// <summary>256 steps an update (8 envs x 32), an evaluation every 512 on the training descriptor and one held-out point.</summary>
    private static TrainConfig Small(long steps, long evalEvery = 512) => Presets.Presets.For("CartPole-v1", "ppo") with
    {
        TotalSteps = steps, EvalEvery = evalEvery, EvalEpisodes = 2, CheckpointEvery = 0,
        HeldOut = [new Dictionary<string, double> { ["pole_length"] = 1.0 }],
    };

    /// <summary>PPO's metrics.csv columns (all but step) and the group each belongs to.</summary>
    private static readonly Dictionary<string, string> PpoTags = new()
    {
        ["update"] = "train/update", ["seconds"] = "train/seconds", ["episodes"] = "train/episodes",
        ["episode_return_recent"] = "train/episode_return_recent", ["learning_rate"] = "train/learning_rate",
        ["policy_loss"] = "losses/policy_loss", ["value_loss"] = "losses/value_loss", ["entropy"] = "losses/entropy",
        ["approx_kl"] = "losses/approx_kl", ["clip_fraction"] = "losses/clip_fraction", ["explained_variance"] = "losses/explained_variance",
        ["epochs"] = "train/epochs", ["steps_per_second"] = "train/steps_per_second", ["rollout_seconds"] = "train/rollout_seconds",
        ["update_seconds"] = "train/update_seconds", ["rss_mb"] = "train/rss_mb",
    };

    private static readonly string[] EvalColumns = ["mean_return", "std_return", "mean_length", "terminated"];

    [Test]
    public void EveryCsvRowIsATensorBoardPointAtItsStep()
    {
        string run = Path.Combine(Root, "run");
        Trainer.Train(Small(1024), run);
        var layout = new RunLayout(run);
        string tb = Path.Combine(run, "tb");
        Assert.That(EventFileReader.Files(tb), Has.Count.EqualTo(1));
        var events = EventFileReader.ReadDirectory(tb);
        Assert.That(events[0].FileVersion, Is.EqualTo("brain.Event:2"));

        var metrics = RunReader.ReadMetrics(layout);
        Assert.That(metrics.Columns.Where(c => c != RunColumns.Step), Is.EquivalentTo(PpoTags.Keys), "PPO's columns (update this table with them)");
        var steps = metrics.Column(RunColumns.Step).Select(s => (long)s).ToArray();
        Assert.That(steps, Is.EqualTo(new long[] { 256, 512, 768, 1024 }));
        foreach (var (column, tag) in PpoTags)
        {
            var expected = steps.Zip(metrics.Column(column)).Where(p => !double.IsNaN(p.Second)).Select(p => (p.First, (float)p.Second));
            Assert.That(events.Scalars(tag), Is.EqualTo(expected), tag);
        }
        Assert.That(events.Scalars("losses/policy_loss"), Has.Count.EqualTo(4), "one point per update");

        var eval = RunReader.ReadEval(layout, CartPoleDescriptor.Spec);
        Assert.That(eval.Select(e => e.Set).Distinct(), Is.EqualTo(new[] { "train", "heldout0" }));
        foreach (var set in new[] { "train", "heldout0" })
        {
            var rows = eval.Where(e => e.Set == set).ToList();
            Assert.That(rows.Select(e => e.Step), Is.EqualTo(new long[] { 512, 1024 }));
            Assert.That(events.Scalars($"eval/{set}/mean_return"), Is.EqualTo(rows.Select(e => (e.Step, (float)e.MeanReturn))));
            Assert.That(events.Scalars($"eval/{set}/std_return"), Is.EqualTo(rows.Select(e => (e.Step, (float)e.StdReturn))));
            Assert.That(events.Scalars($"eval/{set}/mean_length"), Is.EqualTo(rows.Select(e => (e.Step, (float)e.MeanLength))));
            Assert.That(events.Scalars($"eval/{set}/terminated"), Is.EqualTo(rows.Select(e => (e.Step, (float)e.Terminated))));
        }

        var episodes = RunReader.ReadEpisodes(layout, CartPoleDescriptor.Spec);
        Assert.That(episodes, Has.Count.GreaterThan(20));
        Assert.That(events.Scalars("charts/episode_return"), Is.EqualTo(episodes.Select(e => (e.Step, (float)e.Return))));
        Assert.That(events.Scalars("charts/episode_length"), Is.EqualTo(episodes.Select(e => (e.Step, (float)e.Length))));

        var config = events.SelectMany(e => e.Values.Select(v => (e.Step, Value: v))).Single(p => p.Value.Tag == "config");
        Assert.That(config.Step, Is.EqualTo(0));
        Assert.That(config.Value.PluginName, Is.EqualTo("text"));
        Assert.That(config.Value.Text, Is.EqualTo($"```json\n{File.ReadAllText(layout.Config).TrimEnd()}\n```"));
        Assert.That(config.Value.Text, Does.Contain("\"tensorboard\": true"));

        var known = PpoTags.Values.Concat(new[] { "train", "heldout0" }.SelectMany(s => EvalColumns.Select(c => $"eval/{s}/{c}")))
            .Concat(["charts/episode_return", "charts/episode_length", "config"]);
        Assert.That(events.Tags(), Is.EquivalentTo(known), "nothing else is written");
    }

    [Test]
    public void AResumeAfterACrashDropsThePointsPastTheCheckpointAndDuplicatesNoStep()
    {
        string run = Path.Combine(Root, "crashed");
        string saved = Path.Combine(Root, "checkpoint-512");
        // Trains to 1280 but keeps the checkpoint of step 512, as if killed at 1280 before its next checkpoint: the rows
        // and points of 768..1280 are in the files, the checkpoint does not have them.
        Trainer.Train(Small(1280, evalEvery: 256) with { CheckpointEvery = 512 }, run, new CopyCheckpointAt(768, Path.Combine(run, "checkpoint"), saved));
        Directory.Delete(Path.Combine(run, "checkpoint"), recursive: true);
        Directory.Move(saved, Path.Combine(run, "checkpoint"));
        string tb = Path.Combine(run, "tb");
        string first = EventFileReader.Files(tb).Single();
        Assert.That(EventFileReader.ReadFile(first).Max(e => e.Step), Is.EqualTo(1280));

        Trainer.Resume(run, totalSteps: 1536);

        var files = EventFileReader.Files(tb);
        Assert.That(files, Has.Count.EqualTo(2), "the resumed session writes a new file");
        Assert.That(files[0], Is.EqualTo(first), "and it sorts after the first: TensorBoard reads files in name order");
        Assert.That(EventFileReader.ReadFile(first).Max(e => e.Step), Is.EqualTo(512), "the first file lost its points past the checkpoint");
        Assert.That(EventFileReader.ReadFile(files[1]).Where(e => e.Values.Any(v => v.Tag != "config")).Min(e => e.Step), Is.GreaterThan(512));

        var events = EventFileReader.ReadDirectory(tb);
        var layout = new RunLayout(run);
        // Several episodes may end at one step; every other series has at most one point a step, read in increasing order.
        foreach (string tag in events.Tags().Where(t => !t.StartsWith("charts/", StringComparison.Ordinal) && t != "config"))
            Assert.That(events.Scalars(tag).Select(p => p.Step), Is.Ordered.Ascending.And.Unique, tag);
        var steps = RunReader.ReadMetrics(layout).Column(RunColumns.Step).Select(s => (long)s).ToArray();
        Assert.That(steps, Is.EqualTo(new long[] { 256, 512, 768, 1024, 1280, 1536 }));
        Assert.That(events.Scalars("losses/policy_loss"),
            Is.EqualTo(steps.Zip(RunReader.ReadMetrics(layout).Column("policy_loss")).Select(p => (p.First, (float)p.Second))));
        var eval = RunReader.ReadEval(layout, CartPoleDescriptor.Spec).Where(e => e.Set == "train").ToList();
        Assert.That(eval.Select(e => e.Step), Is.EqualTo(new long[] { 256, 512, 768, 1024, 1280, 1536 }));
        Assert.That(events.Scalars("eval/train/mean_return"), Is.EqualTo(eval.Select(e => (e.Step, (float)e.MeanReturn))));
        var episodes = RunReader.ReadEpisodes(layout, CartPoleDescriptor.Spec);
        Assert.That(events.Scalars("charts/episode_return"), Is.EqualTo(episodes.Select(e => (e.Step, (float)e.Return))));

        var configs = events.Where(e => e.Values.Any(v => v.Tag == "config")).ToList();
        Assert.That(configs, Has.Count.EqualTo(1), "one config text: the resumed session's");
        Assert.That(configs[0].File, Is.EqualTo(files[1]));
        Assert.That(configs[0].Step, Is.EqualTo(0));
        Assert.That(configs[0].Values.Single().Text, Does.Contain("\"totalSteps\": 1536"), "the config as resumed, with its extended budget");
    }

    private sealed class CopyCheckpointAt(long step, string checkpoint, string copy) : ITrainingProgress
    {
        public void OnProgress(TrainingSnapshot snapshot)
        {
            if (snapshot.Step != step) return;
            Directory.CreateDirectory(copy);
            foreach (string file in Directory.GetFiles(checkpoint)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        public void OnEvaluation(long at, IReadOnlyList<EvalResult> results)
        {
        }
    }

    [Test]
    public void TensorboardOffWritesNoTbFolder()
    {
        string run = Path.Combine(Root, "off");
        Trainer.Train(Small(256) with { Tensorboard = false }, run);
        Assert.That(File.Exists(Path.Combine(run, "metrics.csv")), Is.True);
        Assert.That(Directory.Exists(Path.Combine(run, "tb")), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(run, "config.json")), Does.Contain("\"tensorboard\": false"));
    }
}
