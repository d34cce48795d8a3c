using HyperRL.Testing;
using System.Diagnostics;
using HyperRL.Agents.Runs;

namespace HyperRL.Cli.Tests;

/// <summary>Resume refuses what does not fit and changes nothing when it fails; SIGTERM stops like Ctrl-C.</summary>
public sealed class ResumeAndSignalTests() : TempRootTest("hyperrl-resume-")
{
    private string TrainTiny(string name)
    {
        var trained = CliRunner.Run("train", "--steps", "512", "--name", name, "--out", Root, "--quiet", "--checkpoint-every", "256");
        Assert.That(trained.ExitCode, Is.EqualTo(0), trained.Error);
        return Path.Combine(Root, name);
    }

    [Test]
    public void APolicyOrCheckpointOfAnotherEnvIsRefusedNamingBoth()
    {
        string run = TrainTiny("edited");
        string config = new RunLayout(run).Config;
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"CartPole-v1\"", "\"Acrobot-v1\""));

        var eval = CliRunner.Run("eval", run, "--episodes", "1");
        Assert.That(eval.ExitCode, Is.EqualTo(2));
        Assert.That(eval.Error, Does.Contain("trained in CartPole-v1").And.Contain("not in Acrobot-v1"));
        var resume = CliRunner.Run("train", "--resume", run, "--steps", "1024", "--quiet");
        Assert.That(resume.ExitCode, Is.EqualTo(2));
        Assert.That(resume.Error, Does.Contain("trained in CartPole-v1").And.Contain("names Acrobot-v1"));
    }

    [Test]
    public void AResumeThatFailsChangesNothingOnDisk()
    {
        string run = TrainTiny("corrupt");
        string optimizer = Path.Combine(run, "checkpoint", "optimizer.bin");
        File.WriteAllBytes(optimizer, File.ReadAllBytes(optimizer)[..100]);
        string config = File.ReadAllText(new RunLayout(run).Config);
        string metrics = File.ReadAllText(new RunLayout(run).Metrics);

        var resume = CliRunner.Run("train", "--resume", run, "--steps", "4096", "--quiet");
        Assert.That(resume.ExitCode, Is.EqualTo(2));
        Assert.That(resume.Error, Does.Contain("optimizer.bin"));
        Assert.That(File.ReadAllText(new RunLayout(run).Config), Is.EqualTo(config), "the budget in config.json is not rewritten");
        Assert.That(File.ReadAllText(new RunLayout(run).Metrics), Is.EqualTo(metrics));
    }

    [Test]
    public void SigtermStopsWithAResumableCheckpointAndExit143()
    {
        string run = Path.Combine(Root, "terminated");
        using var training = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(CliApp).Assembly.Location, "train", "--steps", "100000000", "--name", "terminated", "--out", Root, "--quiet",
                "--checkpoint-every", "256", "--eval-every", "0" },
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!File.Exists(new RunLayout(run).CheckpointTrainer) && DateTime.UtcNow < deadline && !training.HasExited) Thread.Sleep(100);
            Assert.That(File.Exists(new RunLayout(run).CheckpointTrainer), Is.True);
            using (var kill = Process.Start("kill", ["-TERM", training.Id.ToString()])) kill.WaitForExit();
            Assert.That(training.WaitForExit(60_000), Is.True, "it stops after the update in progress");
            Assert.That(training.ExitCode, Is.EqualTo(143));
            Assert.That(training.StandardOutput.ReadToEnd(), Does.Contain("stopped: "));

            long stoppedAt = RunReader.ReadMetrics(new RunLayout(run)).Column(RunColumns.Step)[^1] is var last ? (long)last : 0;
            var resume = CliRunner.Run("train", "--resume", run, "--steps", (stoppedAt + 512).ToString(), "--quiet");
            Assert.That(resume.ExitCode, Is.EqualTo(0), resume.Error);
            Assert.That(resume.Output, Does.Contain($"done: {stoppedAt + 512:N0} steps"));
        }
        finally
        {
            if (!training.HasExited) training.Kill(entireProcessTree: true);
        }
    }
}
