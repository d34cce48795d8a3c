using System.Diagnostics;
using HyperRL.Agents.Distributed;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;
using HyperRL.Testing;

namespace HyperRL.Agents.Tests.Distributed;

/// <summary>
/// Membership for many machines with no cloud service: a real Redis server (started here), a worker silo started
/// before the learner, and a PPO run through it, with the silo hosting that <c>hyperrl worker</c> and
/// <c>hyperrl train --cluster FILE</c> use. Without redis-server on PATH the test is skipped, unless
/// HYPERRL_REQUIRE_REDIS=1 (CI installs Redis and sets it).
/// </summary>
public sealed class RedisMembershipTests() : TempRootTest("hyperrl-redis-")
{
    private static string? RedisServer() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, "redis-server")).FirstOrDefault(File.Exists);

    [Test]
    public void AWorkerAndALearnerFindEachOtherThroughRedis()
    {
        var server = RedisServer();
        if (server is null)
        {
            if (Environment.GetEnvironmentVariable("HYPERRL_REQUIRE_REDIS") == "1") Assert.Fail("redis-server is not on PATH, and HYPERRL_REQUIRE_REDIS=1");
            Assert.Ignore("redis-server is not on PATH (apt-get install redis-server)");
        }
        int redisPort = LoopbackPort.Free();
        using var redis = Process.Start(new ProcessStartInfo(server, ["--port", redisPort.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
        })!;
        try
        {
            string cluster = WriteJson($$"""
                { "membership": "redis", "redis": "127.0.0.1:{{redisPort}}", "clusterId": "redis-test-{{Guid.NewGuid():N}}",
                  "address": "127.0.0.1", "port": 0, "waitSeconds": 60, "chunkTimeoutSeconds": 30 }
                """);
            var settings = ClusterSettings.Resolve(cluster);
            using var stopWorker = new CancellationTokenSource();
            var lines = new List<string>();
            var worker = Task.Run(() => WorkerSilo.Run(settings, null, line => { lock (lines) lines.Add(line); }, stopWorker.Token));

            var config = Presets.Presets.For("CartPole-v1", "ppo") with
            {
                TotalSteps = 4096, RemoteWorkers = 1, Cluster = cluster, EvalEvery = 0, EvalEpisodes = 2, CheckpointEvery = 0, Tensorboard = false,
            };
            var run = Path.Combine(Root, "redis");
            var result = Trainer.Train(config, run);
            stopWorker.Cancel();
            Assert.That(worker.Wait(TimeSpan.FromSeconds(30)), Is.True, "the worker silo stops when cancelled");

            Assert.That(result.Steps, Is.EqualTo(4096));
            Assert.That(RunReader.ReadMetrics(new RunLayout(run)).Column("remote_workers"), Is.All.EqualTo(1));
            string log = File.ReadAllText(new RunLayout(run).WorkersLog);
            Assert.That(log, Does.Contain("Redis membership at 127.0.0.1:" + redisPort).And.Contain("worker 0 joined"));
            lock (lines) Assert.That(lines, Has.Some.Contains("joined cluster 'redis-test-"));
        }
        finally
        {
            redis.Kill();
            redis.WaitForExit();
        }
    }
}
