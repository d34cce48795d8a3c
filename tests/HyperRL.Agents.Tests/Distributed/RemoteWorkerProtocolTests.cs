using HyperRL.Agents.Algorithms.Ppo;
using HyperRL.Agents.Config;
using HyperRL.Agents.Distributed;
using HyperRL.Agents.Distributed.Protocol;
using HyperRL.Agents.Environments;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;
using HyperRL.Testing;
using Newtonsoft.Json;
using Orleans.TestingHost;

namespace HyperRL.Agents.Tests.Distributed;

/// <summary>
/// What learner and worker check of each other (version, env shapes), and what crosses the wire: continuous
/// actions and the normalization statistics the workers add, merged on the learner.
/// </summary>
public sealed class RemoteWorkerProtocolTests() : TempRootTest("hyperrl-protocol-")
{
    private static TestCluster _cluster = null!;

    [OneTimeSetUp]
    public void StartCluster() => _cluster = WorkerTestCluster.Start(1);

    [OneTimeTearDown]
    public void StopCluster() => _cluster.Dispose();

    private static TrainConfig CartPole => Presets.Presets.For("CartPole-v1", "ppo") with
    {
        RemoteWorkers = 1, TotalSteps = 1024, EvalEvery = 0, EvalEpisodes = 2, CheckpointEvery = 0, Tensorboard = false,
    };

    private static WorkerShapes ShapesOf(TrainConfig config) => WorkerShapes.Of(config, EnvSetup.Shapes(config));

    private static IRolloutWorkerGrain WorkerGrain() =>
        _cluster.Client.GetGrain<IRolloutWorkerGrain>(_cluster.Primary!.SiloAddress.ToParsableString());

    [Test]
    public void AWorkerOfAnotherVersionRefusesTheRunInOneLine()
    {
        var setup = new WorkerSetup("0.0.1-old", WorkerProtocol.Version, ConfigReader.ToJson(CartPole), 0, ShapesOf(CartPole));
        var ready = WorkerGrain().Configure(setup).GetAwaiter().GetResult();
        Assert.That(ready.Error, Does.Contain("HyperRL 0.0.1-old").And.Contain($"this worker HyperRL {WorkerProtocol.HyperRLVersion}").And.Not.Contain("\n"));
    }

    [Test]
    public void ALearnerThatExpectsOtherEnvShapesGetsAOneLineErrorBeforeAnyRolloutAndNoRunDirectory()
    {
        var log = new List<string>();
        var pool = WorkerTestCluster.Pool(_cluster, log);
        var other = ShapesOf(CartPole) with { DescriptorNames = ["gravity", "pole_length"] };
        var e = Assert.Throws<RemoteWorkersException>(() => pool.Start(ConfigReader.ToJson(CartPole), other, 1, CancellationToken.None));
        Assert.That(e!.Message, Does.Contain("refused the run").And.Contain("descriptor [gravity, pole_length]").And.Not.Contain("\n"));
    }

    [Test]
    public void AnUnreachableClusterIsAOneLineErrorAndLeavesNoRunDirectory()
    {
        // Redis membership on a port where nothing listens.
        string cluster = WriteJson("""{ "membership": "redis", "redis": "127.0.0.1:1,connectTimeout=500", "waitSeconds": 5, "port": 0 }""");
        var run = Path.Combine(Root, "unreachable");
        var e = Assert.Throws<RemoteWorkersException>(() => Trainer.Train(CartPole with { Cluster = cluster }, run));
        Assert.That(e!.Message, Does.StartWith("the learner could not join cluster 'hyperrl' (Redis membership at 127.0.0.1:1").And.Not.Contain("\n"));
        Assert.That(Directory.Exists(run), Is.False);
    }

    [TestCase("""{ "membership": "zookeeper" }""", "membership 'zookeeper' is unknown")]
    [TestCase("""{ "learner": "somewhere" }""", "'learner' is not an IP:PORT endpoint")]
    [TestCase("""{ "address": "ten.0.0.1" }""", "'address' is not an IP address")]
    [TestCase("""{ "chunkTimeoutSeconds": 0 }""", "chunkTimeoutSeconds must be positive")]
    [TestCase("""{ "tlsCertificate": "missing.pfx" }""", "tlsCertificate 'missing.pfx' does not exist")]
    [TestCase("""{ "clusterid": "x" }""", "unknown key 'clusterid'")]
    public void ABadClusterFileIsAConfigError(string json, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigValidation.Check(CartPole with { Cluster = WriteJson(json) }));
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void RemoteWorkersAreRefusedWhereTheyDoNotCoverTheConfigYet()
    {
        var rainbow = Presets.Presets.For("CartPole-v1", "dqn", "rainbow") with { RemoteWorkers = 2 };
        Assert.That(Assert.Throws<ConfigException>(() => ConfigValidation.Check(rainbow))!.Message, Does.Contain("dqn.nStep 3"));
        var dqn = Presets.Presets.For("CartPole-v1", "dqn");
        var noisy = dqn with { RemoteWorkers = 1, Algorithm = (HyperRL.Agents.Algorithms.Dqn.DqnConfig)dqn.Algorithm with { Noisy = true } };
        Assert.That(Assert.Throws<ConfigException>(() => ConfigValidation.Check(noisy))!.Message, Does.Contain("dqn.noisy"));
        Assert.That(Assert.Throws<ConfigException>(() => ConfigValidation.Check(CartPole with { RemoteWorkers = -1 }))!.Message, Does.Contain("remoteWorkers"));
    }

    [Test]
    public void ContinuousActionsAndTheWorkersNormalizationStatisticsReachTheLearner()
    {
        var preset = Presets.Presets.For("Pendulum-v1", "ppo");
        var config = preset with
        {
            RemoteWorkers = 1, NormalizeObservations = true, NormalizeRewards = true, EvalEvery = 0, EvalEpisodes = 2, CheckpointEvery = 0,
            Tensorboard = false, Randomize = new Dictionary<string, string> { ["actuator_gain"] = "0.5:1.5" },
        };
        long rollout = (long)((PpoConfig)config.Algorithm).NumSteps * config.NumEnvs;
        config = config with { TotalSteps = 2 * rollout };
        var run = Path.Combine(Root, "pendulum");
        var result = Trainer.Train(config, run, workers: WorkerTestCluster.Pool(_cluster, []));
        Assert.That(result.Steps, Is.EqualTo(2 * rollout));

        var normalization = JsonConvert.DeserializeObject<NormalizationState>(File.ReadAllText(new RunLayout(run).Normalization))!;
        // Every observation the worker stepped through (and every discounted return) was merged into the learner's
        // statistics; as in-process, the first observations of the envs' reset (the learner's) count too.
        Assert.That(normalization.Observations!.Count, Is.EqualTo((double)(2 * rollout + config.NumEnvs)).Within(1e-3));
        Assert.That(normalization.Returns!.Count, Is.EqualTo((double)(2 * rollout)).Within(1e-3));
        Assert.That(normalization.Observations.Var, Has.All.GreaterThan(0.01).And.All.Not.EqualTo(1.0));
    }
}
