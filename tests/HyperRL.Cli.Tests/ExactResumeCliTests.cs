using HyperRL.Testing;
using System.Diagnostics;
using HyperRL.Agents.Runs;

namespace HyperRL.Cli.Tests;

/// <summary>Exact resume from the command line: a run killed with SIGTERM and resumed ends as an uninterrupted one;
/// --no-replay-checkpoint keeps the replay buffer out of checkpoints and is a choice of the run, not of a resume.</summary>
public sealed class ExactResumeCliTests() : TempRootTest("hyperrl-exact-cli-")
{
    private static readonly string[] Budget = ["--steps", "16384", "--checkpoint-every", "1024", "--eval-every", "0", "--quiet", "--no-tensorboard"];

    [Test]
    public void ARunKilledWithSigtermAndResumedEndsAsAnUninterruptedOne()
    {
        string run = Path.Combine(Root, "killed");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])[typeof(CliApp).Assembly.Location, "train", "--name", "killed", "--out", Root, .. Budget])
            start.ArgumentList.Add(arg);
        using (var training = Process.Start(start)!)
        {
            try
            {
                var deadline = DateTime.UtcNow.AddSeconds(120);
                while (!File.Exists(new RunLayout(run).CheckpointTrainer) && DateTime.UtcNow < deadline && !training.HasExited) Thread.Sleep(20);
                using (var kill = Process.Start("kill", ["-TERM", training.Id.ToString()])) kill.WaitForExit();
                Assert.That(training.WaitForExit(60_000), Is.True);
                if (training.ExitCode == 0) Assert.Inconclusive("the run finished before it could be stopped");
                Assert.That(training.ExitCode, Is.EqualTo(143));
            }
            finally
            {
                if (!training.HasExited) training.Kill(entireProcessTree: true);
            }
        }

        var resumed = CliRunner.Run("train", "--resume", run, "--quiet");
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.Error);
        Assert.That(resumed.Output, Does.Contain("note: resumed from the checkpoint of step").And.Contain("exactly"));
        var whole = CliRunner.Run(["train", "--name", "whole", "--out", Root, .. Budget]);
        Assert.That(whole.ExitCode, Is.EqualTo(0), whole.Error);

        var a = new RunLayout(run);
        var b = new RunLayout(Path.Combine(Root, "whole"));
        Assert.That(WithoutWallClock(a.Metrics), Is.EqualTo(WithoutWallClock(b.Metrics)), "metrics.csv");
        Assert.That(WithoutWallClock(a.Eval), Is.EqualTo(WithoutWallClock(b.Eval)), "eval.csv");
        Assert.That(File.ReadAllLines(a.Episodes), Is.EqualTo(File.ReadAllLines(b.Episodes)), "episodes.csv");
        Assert.That(File.ReadAllBytes(a.Policy), Is.EqualTo(File.ReadAllBytes(b.Policy)), "policy.hrlp");
    }

    [Test]
    public void NoReplayCheckpointLeavesNoReplayFileAndIsRefusedWithResume()
    {
        var trained = CliRunner.Run("train", "--algo", "dqn", "--steps", "1500", "--checkpoint-every", "1000", "--eval-every", "0", "--name", "dqn",
            "--out", Root, "--quiet", "--no-replay-checkpoint");
        Assert.That(trained.ExitCode, Is.EqualTo(0), trained.Error);
        string run = Path.Combine(Root, "dqn");
        Assert.That(File.Exists(Path.Combine(run, "checkpoint", "replay.bin")), Is.False);
        Assert.That(File.ReadAllText(new RunLayout(run).Config), Does.Contain("\"checkpointReplay\": false"));

        var refused = CliRunner.Run("train", "--resume", run, "--steps", "3000", "--no-replay-checkpoint");
        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(refused.Error, Does.Contain("--no-replay-checkpoint"));

        var resumed = CliRunner.Run("train", "--resume", run, "--steps", "2000", "--quiet");
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.Error);
        Assert.That(resumed.Output, Does.Contain("the replay buffer (checkpointReplay is false): it starts empty"));
    }

    [Test]
    public void ByDefaultAnOffPolicyCheckpointHoldsTheReplayBuffer()
    {
        var trained = CliRunner.Run("train", "--algo", "dqn", "--steps", "1500", "--checkpoint-every", "1000", "--eval-every", "0", "--name", "dqn",
            "--out", Root, "--quiet");
        Assert.That(trained.ExitCode, Is.EqualTo(0), trained.Error);
        Assert.That(File.Exists(Path.Combine(Root, "dqn", "checkpoint", "replay.bin")), Is.True);
    }

    private static readonly HashSet<string> WallClock =
        [RunColumns.Seconds, RunColumns.ResidentMegabytes, "steps_per_second", "rollout_seconds", "update_seconds"];

    private static string[] WithoutWallClock(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var keep = Enumerable.Range(0, header.Length).Where(k => !WallClock.Contains(header[k])).ToArray();
        return lines.Select(line => string.Join(",", keep.Select(k => line.Split(',')[k]))).ToArray();
    }
}
