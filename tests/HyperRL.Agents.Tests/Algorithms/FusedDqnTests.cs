using HyperRL.Testing;
using HyperRL.Agents.Algorithms.Dqn;
using HyperRL.Agents.Config;
using HyperRL.Agents.Training;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Tests;

/// <summary>
/// DQN's fused backend trains what the torch backend trains: the same seed and config log the same TD loss and mean
/// Q after the first 256 gradient steps (same transitions, minibatches, targets and target copies; only float rounding
/// differs), for the preset's hyper Q network with shared and per-episode descriptors, a dueling Double-DQN mlp, and
/// prioritized n-step replay (importance weights and priorities; 2 gradient steps a burst, 8 in all: sampling from the
/// sum tree turns a rounding difference in one priority into another transition once a draw lands near a boundary,
/// which after 256 steps moved the logged loss by 8%); auto stays on torch for DQN until a failure seen in one long benchmark process is understood.
/// </summary>
public sealed class FusedDqnTests() : TempRootTest("hyperrl-fused-dqn-")
{
    private static readonly string[] Logged = ["td_loss", "q_values"];

    private static TrainConfig Config(string backend, Func<TrainConfig, TrainConfig> change)
    {
        var preset = Presets.Presets.For("CartPole-v1", "dqn");
        // Learning starts at 1,000 steps and trains 64 steps every 256: metrics row 2 (step 2,000) follows 256 of them.
        return change(preset with { Backend = backend, TotalSteps = 2000, EvalEvery = 0, EvalEpisodes = 2, CheckpointEvery = 0, Tensorboard = false });
    }

    private static TrainConfig Dqn(TrainConfig config, Func<DqnConfig, DqnConfig> change) => config with { Algorithm = change((DqnConfig)config.Algorithm) };

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData((Func<TrainConfig, TrainConfig>)(c => c)).SetArgDisplayNames("hyper-preset");
        yield return new TestCaseData((Func<TrainConfig, TrainConfig>)(c => c with { Randomize = new() { ["pole_length"] = "0.3:0.8" } }))
            .SetArgDisplayNames("hyper-per-episode");
        yield return new TestCaseData((Func<TrainConfig, TrainConfig>)(c => Dqn(c with { Policy = c.Policy with { Conditioning = ConditioningKind.Mlp, Head = HeadKind.Dueling } },
            d => d with { DoubleDqn = true, Tau = 0.5 }))).SetArgDisplayNames("mlp-dueling-double-soft-target");
        yield return new TestCaseData((Func<TrainConfig, TrainConfig>)(c => Dqn(c with { Randomize = new() { ["actuator_gain"] = "0.5:1.5" } },
            d => d with { Prioritized = true, NStep = 3, GradientSteps = 2 }))).SetArgDisplayNames("hyper-prioritized-n-step");
    }

    [TestCaseSource(nameof(Cases))]
    public void FusedAndTorchBackendsLogTheSameFirstGradientSteps(Func<TrainConfig, TrainConfig> change)
    {
        var fused = Trainer.Train(Config(TrainingBackends.Fused, change), Path.Combine(Root, "fused"));
        var torch = Trainer.Train(Config(TrainingBackends.Torch, change), Path.Combine(Root, "torch"));
        Assert.That((fused.Backend, torch.Backend), Is.EqualTo((TrainingBackends.Fused, TrainingBackends.Torch)));
        BackendComparison.AssertSameMetrics(Path.Combine(Root, "fused"), Path.Combine(Root, "torch"), row: 2, Logged);
    }

    [Test]
    public void AutoKeepsDqnOnTheTorchBackendForNow()
    {
        var scalar = Config(TrainingBackends.Auto, c => c with { TotalSteps = 1200 });
        Assert.That(Trainer.Train(scalar, Path.Combine(Root, "auto-q")).Backend, Is.EqualTo(TrainingBackends.Torch));
    }

    private static IEnumerable<TestCaseData> Uncovered()
    {
        var dqn = Presets.Presets.For("CartPole-v1", "dqn") with { Backend = TrainingBackends.Fused };
        yield return new TestCaseData(Dqn(dqn, d => d with { Noisy = true }),
            "backend 'fused' does not cover noisy layers; use backend auto or torch").SetArgDisplayNames("noisy");
        yield return new TestCaseData(Dqn(dqn, d => d with { Distributional = "c51" }),
            "backend 'fused' does not cover a distributional Q head; use backend auto or torch").SetArgDisplayNames("c51");
        yield return new TestCaseData(dqn with { Policy = dqn.Policy with { Conditioning = ConditioningKind.Film } },
            "backend 'fused' does not cover film conditioning; use backend auto or torch").SetArgDisplayNames("film");
    }

    [TestCaseSource(nameof(Uncovered))]
    public void AConfigTheBackendDoesNotCoverIsAConfigError(TrainConfig config, string message)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigValidation.Check(config));
        Assert.That(error!.Message, Is.EqualTo(message));
    }
}
