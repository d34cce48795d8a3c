using System.Diagnostics;
using HyperRL.Agents.Runs;

namespace HyperRL.Cli.Tests;

/// <summary>Two processes on one run: the second is refused while the first trains, and takes over once it died.</summary>
public sealed class RunLockTests
{
    [Test]
    public void ASecondProcessIsRefusedAndALockLeftByAKilledProcessIsTakenOver()
    {
        string root = Directory.CreateTempSubdirectory("hyperrl-lock-").FullName;
        string run = Path.Combine(root, "locked");
        string config = Path.Combine(root, "config.json");
        File.WriteAllText(config, """{"checkpointEvery": 256, "evalEvery": 0}""");
        using var first = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(CliApp).Assembly.Location, "train", "--steps", "100000000", "--name", "locked", "--out", root, "--quiet", "--config", config },
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!File.Exists(new RunLayout(run).CheckpointTrainer) && DateTime.UtcNow < deadline && !first.HasExited) Thread.Sleep(100);
            Assert.That(File.Exists(new RunLayout(run).CheckpointTrainer), Is.True, "the first process trains and checkpoints");

            var resume = CliRunner.Run("train", "--resume", run, "--steps", "200000000");
            Assert.That(resume.ExitCode, Is.EqualTo(2));
            Assert.That(resume.Error.Trim(), Does.StartWith($"error: run '{run}' is in use by pid {first.Id} on "));
            var again = CliRunner.Run("train", "--name", "locked", "--out", root, "--quiet");
            Assert.That(again.ExitCode, Is.EqualTo(2), "a fresh start on the same name is refused too");

            first.Kill(entireProcessTree: true);
            first.WaitForExit();
            var takeOver = CliRunner.Run("train", "--resume", run, "--steps", (ReadStep(run) + 512).ToString(), "--quiet");
            Assert.That(takeOver.ExitCode, Is.EqualTo(0), takeOver.Error);
            Assert.That(takeOver.Output, Does.Contain($"note: took over the run's lock from pid {first.Id} on "));
            Assert.That(File.Exists(Path.Combine(run, RunLock.OwnerFileName)), Is.False, "released at the end");
        }
        finally
        {
            if (!first.HasExited) first.Kill(entireProcessTree: true);
            Directory.Delete(root, recursive: true);
        }
    }

    private static long ReadStep(string run) =>
        Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(new RunLayout(run).CheckpointTrainer)).Value<long>("GlobalStep");
}
