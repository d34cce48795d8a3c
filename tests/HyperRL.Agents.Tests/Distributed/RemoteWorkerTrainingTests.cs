using HyperRL.Agents.Algorithms.Ppo;
using HyperRL.Agents.Config;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;
using HyperRL.Testing;

namespace HyperRL.Agents.Tests.Distributed;

/// <summary>
/// PPO through remote rollout workers on an Orleans test cluster (several silos in this process): it learns, every
/// rollout holds exactly numSteps x numEnvs transitions gathered from all workers, and a worker silo killed mid-run
/// costs a chunk that the others collect, while one that joins later gets work.
/// </summary>
public sealed class RemoteWorkerTrainingTests() : TempRootTest("hyperrl-remote-")
{
    private static TrainConfig CartPole(long steps, int remoteWorkers)
    {
        var preset = Presets.Presets.For("CartPole-v1", "ppo");
        return preset with { TotalSteps = steps, RemoteWorkers = remoteWorkers, EvalEvery = 0, EvalEpisodes = 10, CheckpointEvery = 0, Tensorboard = false };
    }

    [Test]
    public void PpoThroughTwoWorkerSilosLearnsAndEveryRolloutAddsUp()
    {
        using var cluster = WorkerTestCluster.Start(2);
        var log = new List<string>();
        var config = CartPole(24_576, remoteWorkers: 2);
        var run = Path.Combine(Root, "remote");
        var result = Trainer.Train(config, run, workers: WorkerTestCluster.Pool(cluster, log));

        var ppo = (PpoConfig)config.Algorithm;
        long rollout = (long)ppo.NumSteps * config.NumEnvs;
        var metrics = RunReader.ReadMetrics(new RunLayout(run));
        var steps = metrics.Column("step");
        Assert.Multiple(() =>
        {
            Assert.That(result.Steps, Is.EqualTo(config.TotalSteps));
            Assert.That(steps.Zip(steps.Skip(1), (a, b) => b - a), Is.All.EqualTo(rollout), "each update trains on one whole rollout");
            Assert.That(steps[0], Is.EqualTo(rollout));
            Assert.That(metrics.Column("remote_workers"), Is.All.EqualTo(2));
            Assert.That(metrics.Column("lost_chunks"), Is.All.EqualTo(0));
            Assert.That(metrics.Column("messages"), Is.All.EqualTo(4), "one request and one chunk per worker and rollout");
            Assert.That(metrics.Column("sent_mb"), Is.All.GreaterThan(0));
            Assert.That(log.Count(l => l.Contains("joined")), Is.EqualTo(2), string.Join("\n", log));
        });
        // Random play scores about 22 on CartPole; the in-process run of this budget scores well above 100.
        Assert.That(result.FinalEvaluation[0].MeanReturn, Is.GreaterThan(80), "eval return after 24k remote steps");
        var episodes = File.ReadAllLines(new RunLayout(run).Episodes).Length - 1;
        Assert.That(episodes, Is.EqualTo(result.Episodes));
    }

    [Test]
    public void OneRemoteWorkerTrainsExactlyWhatTheInProcessEnvsTrain()
    {
        // Worker 0 takes the run's seeds and the rollout is one segment: the same transitions, the same updates.
        using var cluster = WorkerTestCluster.Start(1);
        var remote = CartPole(4 * 1024, remoteWorkers: 1) with { Randomize = new() { ["pole_length"] = "0.3:0.8" }, NormalizeObservations = true };
        var local = remote with { RemoteWorkers = 0 };
        Trainer.Train(remote, Path.Combine(Root, "remote"), workers: WorkerTestCluster.Pool(cluster, []));
        Trainer.Train(local, Path.Combine(Root, "local"));
        // The training columns (the remote run's metrics add its traffic columns after them).
        string[] Learning(string run) => RunFiles.WithoutWallClock(new RunLayout(Path.Combine(Root, run)).Metrics)
            .Select(line => string.Join(',', line.Split(',').Take(12))).ToArray();
        Assert.That(Learning("remote"), Is.EqualTo(Learning("local")));
        Assert.That(File.ReadAllText(new RunLayout(Path.Combine(Root, "remote")).Episodes),
            Is.EqualTo(File.ReadAllText(new RunLayout(Path.Combine(Root, "local")).Episodes)));
    }

    [Test]
    public void AWorkerSiloKilledMidRunCostsAChunkAndALaterOneGetsWork()
    {
        using var cluster = WorkerTestCluster.Start(3);
        var log = new List<string>();
        var config = CartPole(16 * 1024, remoteWorkers: 3);
        var run = Path.Combine(Root, "faults");
        // Between updates on the training thread: kill a worker silo without warning at step 4096, start a new one at 10240.
        var faults = new AtEveryLogRow(step =>
        {
            if (step == 4096) cluster.KillSiloAsync(cluster.SecondarySilos[0]).GetAwaiter().GetResult();
            if (step == 10240) cluster.StartAdditionalSilo();
        });
        var result = Trainer.Train(config, run, faults, workers: WorkerTestCluster.Pool(cluster, log, chunkTimeoutSeconds: 10));

        var metrics = RunReader.ReadMetrics(new RunLayout(run));
        var steps = metrics.Column("step");
        var workers = metrics.Column("remote_workers");
        Assert.Multiple(() =>
        {
            Assert.That(result.Steps, Is.EqualTo(config.TotalSteps), "the run finishes");
            Assert.That(workers[Array.IndexOf(steps, 4096.0)], Is.EqualTo(3));
            Assert.That(workers[Array.IndexOf(steps, 6144.0)], Is.EqualTo(2), "the killed worker is dropped");
            Assert.That(workers[^1], Is.EqualTo(3), "the silo that joined later serves the run");
            Assert.That(metrics.Column("lost_chunks")[^1], Is.GreaterThanOrEqualTo(1), string.Join("\n", log));
            Assert.That(log.Count(l => l.Contains("joined")), Is.EqualTo(4), string.Join("\n", log));
        });
    }
}
