using HyperRL.Testing;
using HyperRL.Agents.Algorithms.Ppo;
using HyperRL.Agents.Algorithms.Sac;
using HyperRL.Agents.Config;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;
using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Tests;

/// <summary>
/// A run stopped at a checkpoint and resumed ends byte for byte where the same run trained in one go ends: the same
/// metrics, evaluations, episodes and final policy (wall-clock columns aside). The stopped run has the full budget in
/// its config, since schedules (epsilon, learning-rate annealing) follow the planned total.
/// </summary>
public sealed class ExactResumeTests() : TempRootTest("hyperrl-exact-")
{
    /// <summary>Cancels training at the first update at or past a step, so the run stops on that checkpoint.</summary>
    private sealed class StopAt(long step, CancellationTokenSource cancellation) : ITrainingProgress
    {
        public void OnProgress(TrainingSnapshot snapshot)
        {
            if (snapshot.Step >= step) cancellation.Cancel();
        }

        public void OnEvaluation(long at, IReadOnlyList<EvalResult> results)
        {
        }
    }

    private static TrainConfig Config(string env, string algo, long steps, long every) => Presets.Presets.For(env, algo) with
    {
        TotalSteps = steps, EvalEvery = every, EvalEpisodes = 3, CheckpointEvery = every, Tensorboard = false,
    };

    private TrainingResult StopThenResume(TrainConfig config, long stopAt, string name)
    {
        string run = Path.Combine(Root, name);
        using var cancellation = new CancellationTokenSource();
        var first = Trainer.Train(config, run, new StopAt(stopAt, cancellation), cancellation.Token);
        Assert.That(first.Stopped, Is.True);
        Assert.That(first.Steps, Is.EqualTo(stopAt), "stopped on the checkpoint");
        return Trainer.Resume(run);
    }

    /// <summary>Stopped at <paramref name="stopAt"/> and resumed, the run equals one uninterrupted run of the same config.</summary>
    private void AssertResumeEqualsUninterrupted(TrainConfig config, long stopAt)
    {
        StopThenResume(config, stopAt, "resumed");
        Trainer.Train(config, Path.Combine(Root, "whole"));
        AssertSameRun("resumed", "whole");
    }

    private void AssertSameRun(string resumed, string uninterrupted)
    {
        var a = new RunLayout(Path.Combine(Root, resumed));
        var b = new RunLayout(Path.Combine(Root, uninterrupted));
        Assert.That(RunFiles.WithoutWallClock(a.Metrics), Is.EqualTo(RunFiles.WithoutWallClock(b.Metrics)), "metrics.csv");
        Assert.That(RunFiles.WithoutWallClock(a.Eval), Is.EqualTo(RunFiles.WithoutWallClock(b.Eval)), "eval.csv");
        Assert.That(File.ReadAllLines(a.Episodes), Is.EqualTo(File.ReadAllLines(b.Episodes)), "episodes.csv");
        Assert.That(File.ReadAllBytes(a.Policy), Is.EqualTo(File.ReadAllBytes(b.Policy)), "policy.hrlp");
    }

    [Test]
    public void PpoResumedAtACheckpointEqualsOneUninterruptedRun()
    {
        var config = Config("CartPole-v1", "ppo", 4_096, 1_024);
        var resumed = StopThenResume(config, 2_048, "resumed");
        Trainer.Train(config, Path.Combine(Root, "whole"));
        Assert.That(resumed.Notes, Has.Some.Contains("exactly (envs, generators and replay as they were)"));
        AssertSameRun("resumed", "whole");
    }

    [Test]
    public void PpoWithNormalizationAndRandomizedDescriptorsResumesExactly()
    {
        var config = Config("CartPole-v1", "ppo", 4_096, 1_024) with
        {
            NormalizeObservations = true, NormalizeRewards = true, Workers = 2,
            Randomize = new() { ["pole_length"] = "0.3:0.8" },
        };
        AssertResumeEqualsUninterrupted(config, 2_048);
    }

    [Test]
    public void PpoOverAnArchitectureSpaceResumesExactly()
    {
        var config = Config("CartPole-v1", "ppo", 4_096, 1_024);
        config = config with
        {
            Randomize = new() { ["pole_length"] = "0.3:0.8" },
            Policy = config.Policy with { Architectures = new HyperPolicy.ArchitectureSpec { Depths = [1, 2], Widths = [4, 16] } },
            Algorithm = (PpoConfig)config.Algorithm with { MetaBatch = 4 },
        };
        AssertResumeEqualsUninterrupted(config, 2_048);
    }

    [Test]
    public void DqnResumedAtACheckpointEqualsOneUninterruptedRun()
    {
        var config = Config("CartPole-v1", "dqn", 8_000, 2_000);
        var resumed = StopThenResume(config, 4_000, "resumed");
        Trainer.Train(config, Path.Combine(Root, "whole"));
        Assert.That(resumed.Notes, Has.Some.Contains("exactly"));
        Assert.That(File.Exists(Path.Combine(Root, "resumed", "checkpoint", "replay.bin")), Is.True);
        AssertSameRun("resumed", "whole");
    }

    [Test]
    public void DqnWithRainbowsPartsResumesExactly()
    {
        // The n-step windows (transitions on their way into the buffer), the sum tree and the noise of the noisy layers
        // are part of the checkpoint.
        var config = Config("CartPole-v1", "dqn", 8_000, 2_000) with
        {
            Algorithm = (HyperRL.Agents.Algorithms.Dqn.DqnConfig)Presets.Presets.For("CartPole-v1", "dqn").Algorithm with { NStep = 3, Prioritized = true, Distributional = "qr", Quantiles = 10, Noisy = true },
        };
        AssertResumeEqualsUninterrupted(config, 4_000);
    }

    /// <summary>Cancels shortly after a step, wherever the loop then is: off-policy runs stop between log rows.</summary>
    private sealed class StopSoonAfter(long step, CancellationTokenSource cancellation) : ITrainingProgress
    {
        public void OnProgress(TrainingSnapshot snapshot)
        {
            if (snapshot.Step >= step) cancellation.CancelAfter(TimeSpan.FromMilliseconds(150));
        }

        public void OnEvaluation(long at, IReadOnlyList<EvalResult> results)
        {
        }
    }

    [Test]
    public void DqnStoppedBetweenLogRowsAndResumedEqualsOneUninterruptedRun()
    {
        var config = Config("CartPole-v1", "dqn", 8_000, 4_000);
        string run = Path.Combine(Root, "resumed");
        using (var cancellation = new CancellationTokenSource())
        {
            var first = Trainer.Train(config, run, new StopSoonAfter(2_000, cancellation), cancellation.Token);
            if (!first.Stopped) Assert.Inconclusive("the run finished before it could be stopped");
            TestContext.Out.WriteLine($"stopped at step {first.Steps}"); // between log rows when not a multiple of 1,000
        }
        Trainer.Resume(run);
        Trainer.Train(config, Path.Combine(Root, "whole"));
        AssertSameRun("resumed", "whole");
    }

    [Test]
    public void SacResumedAtACheckpointEqualsOneUninterruptedRun()
    {
        // Off-policy runs log (and so may stop) every 1,000 steps. Few, small gradient steps: the test is about state.
        var config = Config("Pendulum-v1", "sac", 2_000, 1_000);
        config = config with
        {
            Policy = config.Policy with { Hidden = [32, 32] },
            Algorithm = (SacConfig)config.Algorithm with { LearningStarts = 500, TrainFrequency = 8, BatchSize = 32 },
        };
        AssertResumeEqualsUninterrupted(config, 1_000);
    }

    [Test]
    public void WithoutTheReplayCheckpointNoReplayFileIsWrittenAndTheResumeSaysTheBufferStartsEmpty()
    {
        var config = Config("CartPole-v1", "dqn", 4_000, 2_000) with { CheckpointReplay = false };
        string run = Path.Combine(Root, "small");
        using var cancellation = new CancellationTokenSource();
        Trainer.Train(config, run, new StopAt(2_000, cancellation), cancellation.Token);
        string checkpoint = Path.Combine(run, "checkpoint");
        Assert.That(File.Exists(Path.Combine(checkpoint, "replay.bin")), Is.False);
        Assert.That(File.Exists(Path.Combine(checkpoint, "offpolicy.bin")), Is.True, "generators and counters are still saved");
        Assert.That(File.ReadAllText(Path.Combine(checkpoint, "trainer.json")), Does.Contain("the replay buffer (checkpointReplay is false)"));

        var resumed = Trainer.Resume(run);
        Assert.That(resumed.Steps, Is.EqualTo(4_000));
        Assert.That(resumed.Notes, Has.Some.Contains("not exactly").And.Contains("the replay buffer (checkpointReplay is false): it starts empty"));
    }

    [TestCase("ppo", 4_096, new[] { "ppo.bin" })]
    [TestCase("dqn", 4_000, new[] { "offpolicy.bin", "replay.bin" })]
    public void ACheckpointFromBeforeExactResumeResumesAsBeforeAndSaysSo(string algo, long steps, string[] algorithmFiles)
    {
        var config = Config("CartPole-v1", algo, steps, steps / 2);
        string run = Path.Combine(Root, "old");
        using var cancellation = new CancellationTokenSource();
        Trainer.Train(config, run, new StopAt(steps / 2, cancellation), cancellation.Token);
        // What a checkpoint written before exact resume holds: networks, optimizers, trainer.json without the new keys.
        string checkpoint = Path.Combine(run, "checkpoint");
        foreach (string file in algorithmFiles.Append(RunLayout.TorchGeneratorFile).Append(RunLayout.EnvStateFile))
            File.Delete(Path.Combine(checkpoint, file));
        var trainer = JObject.Parse(File.ReadAllText(Path.Combine(checkpoint, "trainer.json")));
        foreach (string key in new[] { "StateFormat", "EnvState", "NotExact" }) Assert.That(trainer.Remove(key), Is.True, key);
        File.WriteAllText(Path.Combine(checkpoint, "trainer.json"), trainer.ToString());

        var resumed = Trainer.Resume(run);
        Assert.That(resumed.Steps, Is.EqualTo(steps));
        Assert.That(resumed.Notes, Has.Some.Contains("not exactly: the checkpoint predates exact resume"));
    }

    [Test]
    public void ATruncatedStateFileOrAnUnknownStateFormatIsAOneLineErrorNamingIt()
    {
        var config = Config("CartPole-v1", "dqn", 4_000, 2_000);
        string run = Path.Combine(Root, "broken");
        using var cancellation = new CancellationTokenSource();
        Trainer.Train(config, run, new StopAt(2_000, cancellation), cancellation.Token);
        string checkpoint = Path.Combine(run, "checkpoint");
        string replay = Path.Combine(checkpoint, "replay.bin");
        byte[] bytes = File.ReadAllBytes(replay);
        File.WriteAllBytes(replay, bytes[..(bytes.Length / 2)]);
        var truncated = Assert.Throws<InvalidOperationException>(() => Trainer.Resume(run));
        Assert.That(truncated!.Message, Does.Contain("replay.bin").And.Contain("corrupt"));
        File.WriteAllBytes(replay, bytes);

        string trainerFile = Path.Combine(checkpoint, "trainer.json");
        var trainer = JObject.Parse(File.ReadAllText(trainerFile));
        trainer["StateFormat"] = 99;
        File.WriteAllText(trainerFile, trainer.ToString());
        var future = Assert.Throws<InvalidOperationException>(() => Trainer.Resume(run));
        Assert.That(future!.Message, Does.Contain("state format 99"));
    }

    [Test]
    public void LunarLanderCheckpointsSayTheEnvStateIsMissingAndResumeWithNewEpisodes()
    {
        var config = Config("LunarLander-v3", "ppo", 512, 256) with { NumEnvs = 4, Workers = 1 };
        config = config with { Algorithm = (PpoConfig)config.Algorithm with { NumSteps = 32, MinibatchSize = 64 } };
        string run = Path.Combine(Root, "lander");
        using var cancellation = new CancellationTokenSource();
        Trainer.Train(config, run, new StopAt(256, cancellation), cancellation.Token);
        string checkpoint = Path.Combine(run, "checkpoint");
        Assert.That(File.Exists(Path.Combine(checkpoint, RunLayout.EnvStateFile)), Is.False);
        var trainer = JObject.Parse(File.ReadAllText(Path.Combine(checkpoint, "trainer.json")));
        Assert.That((bool)trainer["EnvState"]!, Is.False);
        Assert.That(trainer["NotExact"]!.ToString(), Does.Contain("LunarLander-v3's env state"));

        var resumed = Trainer.Resume(run);
        Assert.That(resumed.Steps, Is.EqualTo(512));
        Assert.That(resumed.Notes, Has.Some.Contains("not exactly").And.Contains("LunarLander-v3's env state (it cannot be saved): new episodes start"));
    }
}
