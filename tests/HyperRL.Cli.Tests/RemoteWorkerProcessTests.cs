using System.Diagnostics;
using HyperRL.Agents.Runs;
using HyperRL.Testing;

namespace HyperRL.Cli.Tests;

/// <summary>
/// Learner and workers as real processes on 127.0.0.1: a worker killed with SIGKILL mid-run costs a chunk and the run
/// goes on; a worker started later joins; the learner killed with SIGKILL resumes from its checkpoint with the
/// workers still up (they rejoin the restarted learner's cluster).
/// </summary>
public sealed class RemoteWorkerProcessTests() : TempRootTest("hyperrl-processes-")
{
    private readonly List<Process> _processes = [];

    [TearDown]
    public void KillProcesses()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }

    private Process Hyperrl(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        // Drained so a full pipe never blocks the child.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    private static void WaitFor(Func<bool> condition, string what, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what}");
            Thread.Sleep(100);
        }
    }

    private static string ReadShared(string path)
    {
        if (!File.Exists(path)) return "";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    [Test]
    public void WorkersKilledAndStartedMidRunAndALearnerKilledAndResumed()
    {
        string cluster = WriteJson($$"""{ "learner": "127.0.0.1:{{LoopbackPort.Free()}}", "waitSeconds": 90, "chunkTimeoutSeconds": 20 }""");
        string run = Path.Combine(Root, "multi");
        var layout = new RunLayout(run);
        string Log() => ReadShared(layout.WorkersLog);
        int MetricsRows() => ReadShared(layout.Metrics).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;

        Hyperrl("worker", "--cluster", cluster);
        var doomed = Hyperrl("worker", "--cluster", cluster);
        var learner = Hyperrl("train", "--steps", "100000000", "--remote-workers", "2", "--cluster", cluster, "--name", "multi", "--out", Root,
            "--quiet", "--eval-every", "0", "--checkpoint-every", "1024");

        WaitFor(() => MetricsRows() >= 2, "two updates through two workers");
        doomed.Kill(); // SIGKILL, mid-run
        WaitFor(() => Log().Contains("lost a chunk"), "the killed worker's chunk to be counted lost");
        var later = Hyperrl("worker", "--cluster", cluster);
        WaitFor(() => Log().Contains($"pid {later.Id},"), "a worker started later to join");
        int rowsAfterJoin = MetricsRows();
        WaitFor(() => MetricsRows() >= rowsAfterJoin + 2 && File.Exists(layout.CheckpointTrainer), "updates with the new worker");
        Assert.That(learner.HasExited, Is.False, learner.HasExited ? $"learner exited with {learner.ExitCode}" : "");

        var metrics = RunReader.ReadMetrics(layout);
        Assert.That(metrics.Column("remote_workers")[0], Is.EqualTo(2));
        Assert.That(metrics.Column("remote_workers"), Does.Contain(1.0), "one worker served after the kill");
        Assert.That(metrics.Column("remote_workers")[(rowsAfterJoin - 1)..], Does.Contain(2.0), $"and two again after the new one joined; workers.log:\n{Log()}");
        Assert.That(metrics.Column("lost_chunks")[^1], Is.GreaterThanOrEqualTo(1));
        var steps = metrics.Column(RunColumns.Step);
        Assert.That(steps.Zip(steps.Skip(1), (a, b) => b - a).Distinct().Count(), Is.EqualTo(1), "every rollout has its full size, lost chunk or not");

        learner.Kill(); // SIGKILL: the workers stay up and rejoin the restarted learner
        learner.WaitForExit();
        long checkpointed = (long)RunReader.ReadMetrics(layout).Column(RunColumns.Step)[^1];
        var resume = CliRunner.Run("train", "--resume", run, "--steps", (checkpointed + 4096).ToString(), "--quiet");
        Assert.That(resume.ExitCode, Is.EqualTo(0), resume.Error);
        Assert.That(resume.Output, Does.Contain($"done: {checkpointed + 4096:N0} steps"));
    }
}
