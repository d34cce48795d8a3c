using HyperRL.Testing;
using System.Text;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Runs.TensorBoard;

namespace HyperRL.Agents.Tests.Runs.TensorBoard;

/// <summary>The event files TensorBoardLog writes, read back by the test-side reader; trimming for a resume.</summary>
public sealed class TensorBoardLogTests() : TempRootTest("hyperrl-tb-")
{
    [Test]
    public void Crc32CMatchesTheStandardCheckValue()
    {
        var check = Encoding.ASCII.GetBytes("123456789");
        Assert.That(EventFileReader.Crc32C(check), Is.EqualTo(0xE3069283u), "the test reader's own CRC");
        Assert.That(MaskedCrc32C.Crc32C(check), Is.EqualTo(0xE3069283u));
        // Lengths that exercise the 8-byte steps and the byte tail.
        var random = new Random(5);
        foreach (int length in new[] { 0, 1, 7, 8, 9, 31, 1000 })
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.That(MaskedCrc32C.Compute(data), Is.EqualTo(EventFileReader.MaskedCrc(data)), $"{length} bytes");
        }
    }

    [Test]
    public void TagsFollowOneRule()
    {
        foreach (string loss in new[] { "policy_loss", "value_loss", "entropy", "approx_kl", "clip_fraction", "explained_variance", "td_loss", "q_values",
                     "qf_loss", "actor_loss", "alpha", "alpha_loss", "some_future_loss" })
            Assert.That(TensorBoardTags.Metric(loss), Is.EqualTo($"losses/{loss}"));
        foreach (string counter in new[] { "update", "seconds", "episodes", "episode_return_recent", "learning_rate", "epsilon", "steps_per_second",
                     "rollout_seconds", "update_seconds", "epochs", "rss_mb" })
            Assert.That(TensorBoardTags.Metric(counter), Is.EqualTo($"train/{counter}"));
        Assert.That(TensorBoardTags.Eval("heldout1", "mean_return"), Is.EqualTo("eval/heldout1/mean_return"));
    }

    private static MetricsRow Metrics(long step, double recent = 20) =>
        new(step, (int)(step / 100), step / 1000.0, (int)(step / 50), recent, [new("policy_loss", -0.001 * step), new("learning_rate", 3e-4)], 150);

    [Test]
    public void RowsBecomeSeriesAtTheirStepsAndTheConfigBecomesMarkdownText()
    {
        string tb = Path.Combine(Root, "tb");
        using (var log = TensorBoardLog.Open(tb, "{\n  \"env\": \"CartPole-v1\"\n}\n"))
        {
            log.Write(Metrics(100, recent: double.NaN));
            log.Write(new EpisodeRow(150, 0, 21.5, 21, false, []));
            log.Write(new EpisodeRow(150, 1, 30, 30, true, []));
            log.Write(Metrics(200));
            log.Write(new EvalRow(200, 0.2, "heldout0", 120.5, 3.25, 121, 5, 0.4, null));
        }
        var events = EventFileReader.ReadDirectory(tb);
        Assert.That(events[0].FileVersion, Is.EqualTo("brain.Event:2"), "an event file starts with its version");
        Assert.That(events.All(e => e.WallTime > 1e9 && e.WallTime < 1e10), Is.True, "wall times are Unix seconds");

        var config = events.SelectMany(e => e.Values.Select(v => (e.Step, v))).Single(p => p.v.Tag == "config");
        Assert.That(config.Step, Is.EqualTo(0));
        Assert.That(config.v.Text, Is.EqualTo("```json\n{\n  \"env\": \"CartPole-v1\"\n}\n```"));
        Assert.That((config.v.PluginName, config.v.DataClass, config.v.TensorDtype, config.v.TensorRank), Is.EqualTo(("text", 2L, 7, 0)),
            "the text plugin's string tensor (DT_STRING, rank 0, tensor data class)");

        Assert.That(events.Scalars("losses/policy_loss"), Is.EqualTo(new[] { (100L, -0.1f), (200L, -0.2f) }));
        Assert.That(events.Scalars("train/learning_rate"), Is.EqualTo(new[] { (100L, 3e-4f), (200L, 3e-4f) }));
        Assert.That(events.Scalars("train/update"), Is.EqualTo(new[] { (100L, 1f), (200L, 2f) }));
        Assert.That(events.Scalars("train/rss_mb").Count, Is.EqualTo(2));
        Assert.That(events.Scalars("train/episode_return_recent"), Is.EqualTo(new[] { (200L, 20f) }), "a NaN cell is no point");
        Assert.That(events.Scalars("charts/episode_return"), Is.EqualTo(new[] { (150L, 21.5f), (150L, 30f) }));
        Assert.That(events.Scalars("charts/episode_length"), Is.EqualTo(new[] { (150L, 21f), (150L, 30f) }));
        Assert.That(events.Scalars("eval/heldout0/mean_return"), Is.EqualTo(new[] { (200L, 120.5f) }));
        Assert.That(events.Scalars("eval/heldout0/std_return"), Is.EqualTo(new[] { (200L, 3.25f) }));
        Assert.That(events.Scalars("eval/heldout0/mean_length"), Is.EqualTo(new[] { (200L, 121f) }));
        Assert.That(events.Scalars("eval/heldout0/terminated"), Is.EqualTo(new[] { (200L, 0.4f) }));
    }

    [Test]
    public void ASecondSessionWritesANewFileThatSortsAfterTheFirst()
    {
        string tb = Path.Combine(Root, "tb");
        string first, second;
        using (var log = TensorBoardLog.Open(tb, "{}")) first = log.FilePath;
        // Within the same second as the first: the name must still sort after it, as TensorBoard reads files in name order.
        using (var log = TensorBoardLog.Open(tb, "{}")) second = log.FilePath;
        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(string.CompareOrdinal(Path.GetFileName(second), Path.GetFileName(first)), Is.GreaterThan(0));
        Assert.That(Path.GetFileName(first), Does.StartWith("events.out.tfevents."));
        Assert.That(EventFileReader.Files(tb), Is.EqualTo(new[] { first, second }));

        // A file stamped by a clock that was ahead (or another machine's): the next session still sorts after it.
        string ahead = Path.Combine(tb, "events.out.tfevents.4000000000.elsewhere.7.1");
        File.WriteAllBytes(ahead, []);
        using (var log = TensorBoardLog.Open(tb, "{}"))
            Assert.That(Path.GetFileName(log.FilePath), Does.StartWith("events.out.tfevents.4000000001."));
    }

    [Test]
    public void TrimmingForAResumeDropsLaterPointsEarlierConfigTextAndACutRecord()
    {
        string tb = Path.Combine(Root, "tb");
        string path;
        using (var log = TensorBoardLog.Open(tb, "{}"))
        {
            path = log.FilePath;
            for (long step = 100; step <= 500; step += 100)
            {
                log.Write(new EpisodeRow(step, 0, step / 10.0, 10, false, []));
                log.Write(Metrics(step));
            }
        }
        // A writer killed in the middle of a record leaves its first bytes.
        using (var stream = new FileStream(path, FileMode.Append)) stream.Write(new byte[] { 40, 0, 0, 0, 0, 0, 0, 0, 1, 2 });
        // A later session that only got past the checkpoint: nothing of it stays.
        using (var later = TensorBoardLog.Open(tb, "{}")) later.Write(Metrics(400));
        Assert.Throws<InvalidDataException>(() => EventFileReader.ReadFile(path));

        TensorBoardLog.TruncateAfterStep(tb, 300);
        var events = EventFileReader.ReadFile(path);
        Assert.That(events[0].FileVersion, Is.EqualTo("brain.Event:2"));
        Assert.That(events.Max(e => e.Step), Is.EqualTo(300));
        Assert.That(events.Scalars("losses/policy_loss").Select(p => p.Step), Is.EqualTo(new[] { 100L, 200L, 300L }));
        Assert.That(events.Scalars("charts/episode_return").Select(p => p.Step), Is.EqualTo(new[] { 100L, 200L, 300L }));
        Assert.That(events.Tags(), Does.Not.Contain("config"), "the resumed session writes the config it runs with");
        Assert.That(Directory.GetFiles(tb), Is.EqualTo(new[] { path }), "the later session's file is deleted, no temporary is left behind");

        byte[] trimmed = File.ReadAllBytes(path);
        TensorBoardLog.TruncateAfterStep(tb, 300);
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(trimmed), "trimming again at the same step changes nothing");
        TensorBoardLog.TruncateAfterStep(Path.Combine(Root, "missing"), 300);
    }
}
