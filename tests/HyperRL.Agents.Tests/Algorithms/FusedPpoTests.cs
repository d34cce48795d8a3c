using HyperRL.Testing;
using HyperRL.Agents.Config;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Tests;

/// <summary>
/// PPO's fused backend trains what the torch backend trains: the same seed and config log the same losses on the first
/// update (the same rollout, minibatches and loss; only float rounding differs), for discrete and continuous heads,
/// shared and per-episode descriptors; backend auto takes fused where it covers the config; and a config it does not
/// cover is a one-line config error before anything runs.
/// </summary>
public sealed class FusedPpoTests() : TempRootTest("hyperrl-fused-")
{
    private static readonly string[] Logged = ["policy_loss", "value_loss", "entropy", "approx_kl", "explained_variance"];

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData("CartPole-v1", ConditioningKind.Hyper, false).SetArgDisplayNames("cartpole-hyper");
        yield return new TestCaseData("CartPole-v1", ConditioningKind.Hyper, true).SetArgDisplayNames("cartpole-hyper-per-episode");
        yield return new TestCaseData("CartPole-v1", ConditioningKind.Concat, true).SetArgDisplayNames("cartpole-concat-per-episode");
        yield return new TestCaseData("CartPole-v1", ConditioningKind.Mlp, false).SetArgDisplayNames("cartpole-mlp");
        yield return new TestCaseData("Pendulum-v1", ConditioningKind.Hyper, true).SetArgDisplayNames("pendulum-hyper-per-episode");
    }

    private static TrainConfig Config(string env, ConditioningKind conditioning, bool perEpisode, string backend)
    {
        var preset = Presets.Presets.For(env, "ppo");
        var config = preset with
        {
            Policy = preset.Policy with { Conditioning = conditioning }, Backend = backend, EvalEvery = 0, EvalEpisodes = 2,
            CheckpointEvery = 0, Tensorboard = false,
        };
        long iteration = ((HyperRL.Agents.Algorithms.Ppo.PpoConfig)config.Algorithm).NumSteps * (long)config.NumEnvs;
        config = config with { TotalSteps = Math.Min(2 * iteration, 8192) };
        if (perEpisode) config = config with { Randomize = new Dictionary<string, string> { ["actuator_gain"] = "0.5:1.5" } };
        return config;
    }

    [TestCaseSource(nameof(Cases))]
    public void FusedAndTorchBackendsLogTheSameFirstUpdate(string env, ConditioningKind conditioning, bool perEpisode)
    {
        var fused = Trainer.Train(Config(env, conditioning, perEpisode, TrainingBackends.Fused), Path.Combine(Root, "fused"));
        var torch = Trainer.Train(Config(env, conditioning, perEpisode, TrainingBackends.Torch), Path.Combine(Root, "torch"));
        Assert.That((fused.Backend, torch.Backend), Is.EqualTo((TrainingBackends.Fused, TrainingBackends.Torch)));
        BackendComparison.AssertSameMetrics(Path.Combine(Root, "fused"), Path.Combine(Root, "torch"), row: 1, Logged);
    }

    [Test]
    public void AutoTakesFusedWhereItCoversTheConfigAndTorchElsewhere()
    {
        var covered = Config("CartPole-v1", ConditioningKind.Hyper, false, TrainingBackends.Auto) with { TotalSteps = 256 };
        Assert.That(Trainer.Train(covered, Path.Combine(Root, "auto-hyper")).Backend, Is.EqualTo(TrainingBackends.Fused));
        var film = covered with { Policy = covered.Policy with { Conditioning = ConditioningKind.Film } };
        Assert.That(Trainer.Train(film, Path.Combine(Root, "auto-film")).Backend, Is.EqualTo(TrainingBackends.Torch));
    }

    private static IEnumerable<TestCaseData> Uncovered()
    {
        var ppo = Presets.Presets.For("CartPole-v1", "ppo") with { Backend = TrainingBackends.Fused };
        yield return new TestCaseData(ppo with { Policy = ppo.Policy with { Conditioning = ConditioningKind.Film } },
            "backend 'fused' does not cover film conditioning; use backend auto or torch").SetArgDisplayNames("film");
        yield return new TestCaseData(ppo with { Policy = ppo.Policy with { Hyper = ppo.Policy.Hyper with { Kind = HyperKind.LowRank, Init = HyperInit.HyperfanIn } } },
            "backend 'fused' does not cover the lowrank hypernetwork kind; use backend auto or torch").SetArgDisplayNames("lowrank");
        yield return new TestCaseData(Presets.Presets.For("Pendulum-v1", "sac") with { Backend = TrainingBackends.Fused },
            "backend 'fused' does not cover sac's gradient steps yet; use backend auto or torch").SetArgDisplayNames("sac");
        yield return new TestCaseData(ppo with { Device = "cuda" },
            "backend 'fused' runs on the cpu; device 'cuda' takes backend torch or auto").SetArgDisplayNames("cuda");
        yield return new TestCaseData(ppo with { Backend = "jit" }, "unknown backend 'jit'; allowed: auto, torch, fused").SetArgDisplayNames("unknown");
    }

    [TestCaseSource(nameof(Uncovered))]
    public void AConfigTheBackendDoesNotCoverIsAConfigError(TrainConfig config, string message)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigValidation.Check(config));
        Assert.That(error!.Message, Is.EqualTo(message));
    }
}
