using HyperRL.Agents.Algorithms.Ppo;
using HyperRL.Agents.Config;
using HyperRL.Agents.Environments;
using HyperRL.Agents.Experiments;
using HyperRL.Agents.Experiments.Architectures;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;
using HyperRL.HyperPolicy;
using HyperRL.Testing;

namespace HyperRL.Agents.Tests;

/// <summary>PPO over an architecture space (HyperPPO's meta-batch): one run trains many architectures, each exports
/// to a standalone plain policy.</summary>
public sealed class ArchitecturePpoTests() : TempRootTest("hyperrl-arch-")
{
    private static readonly ArchitectureSpec Space = new() { Depths = [1, 2], Widths = [4, 8, 16, 32] };

    private static TrainConfig Config(long steps) => Presets.Presets.For("CartPole-v1", "ppo") with
    {
        TotalSteps = steps, EvalEvery = 0, EvalEpisodes = 3, CheckpointEvery = 0, Tensorboard = false,
        Policy = Presets.Presets.For("CartPole-v1", "ppo").Policy with { Architectures = Space },
    };

    private static readonly EvalPoint TrainSet = new(RunColumns.TrainSet, new Dictionary<string, double>());

    [Test]
    public void OneRunImprovesSeveralArchitecturesAndEachExportsToAPlainPolicyThatActsTheSame()
    {
        string run = Path.Combine(Root, "arch");
        var result = Trainer.Train(Config(20_480), run);
        Assert.That(result.Steps, Is.EqualTo(20_480));
        using var trained = TrainedRun.Load(run);
        var policy = ArchitectureSweep.PolicyOf(trained);
        int[][] checkedArchitectures = [[8], [32], [16, 16], [8, 32]];
        var indices = checkedArchitectures.Select(hidden => policy.Architectures!.IndexOf(hidden)).ToArray();
        var results = ArchitectureSweep.Evaluate(trained, indices, [TrainSet], episodes: 5, seed: 1000);
        // A random CartPole policy lasts about 22 steps.
        foreach (var architecture in results)
            Assert.That(architecture.Sets[0].MeanReturn, Is.GreaterThan(100), $"[{architecture.Name}]");
        Assert.That(results.Select(r => r.Parameters), Is.EqualTo(new long[] { 4 * 8 + 8 + 8 * 2 + 2, 4 * 32 + 32 + 32 * 2 + 2, 80 + 272 + 34, 40 + 288 + 66 }));

        // The standalone file of [8, 32]: a run of its own, with the same returns on the same episodes.
        var descriptor = PolicyExport.Descriptor(trained, new Dictionary<string, double>()).Values;
        string file = Path.Combine(Root, "small.hrlp");
        using (var plain = trained.Specialize(descriptor, indices[3])) plain.SaveStandalone(file);
        using var loaded = TrainedRun.Load(file);
        Assert.That(loaded.Model.Spec.Conditioning, Is.EqualTo(ConditioningKind.Mlp));
        Assert.That(loaded.Model.Spec.Hidden, Is.EqualTo(new[] { 8, 32 }));
        var standalone = loaded.Evaluate(TrainSet.Options(loaded.Config), 5, 1000, "train");
        Assert.That(standalone.Returns, Is.EqualTo(results[3].Sets[0].Returns));
        Assert.That(standalone.MeanLength, Is.EqualTo(results[3].Sets[0].MeanLength));
    }

    [Test]
    public void EachRolloutSplitsTheEnvsAmongMetaBatchArchitecturesDrawnAfresh()
    {
        using var policy = ActorCritic.Create(TestPolicy(), EnvSetup.Shapes(Config(1_024)));
        var actors = new RolloutActors(policy, numEnvs: 8, metaBatch: 4, seed: 7);
        var seen = new HashSet<int>();
        for (var rollout = 0; rollout < 20; rollout++)
        {
            actors.Refresh();
            Assert.That(Enumerable.Range(0, 8).Select(actors.ArchitectureOf),
                Is.EqualTo(actors.Architectures.SelectMany(architecture => new[] { architecture, architecture })), "two envs per architecture, in slice order");
            Assert.That(actors.ArchitecturesOfRows(null, 16), Is.EqualTo(Enumerable.Range(0, 16).Select(row => actors.ArchitectureOf(row % 8))));
            seen.UnionWith(actors.Architectures);
        }
        Assert.That(seen.Count, Is.GreaterThan(policy.Architectures!.Count / 2), "80 draws over 20 architectures");
        var again = new RolloutActors(policy, numEnvs: 8, metaBatch: 4, seed: 7);
        again.Refresh();
        var first = new RolloutActors(policy, numEnvs: 8, metaBatch: 4, seed: 7);
        first.Refresh();
        Assert.That(again.Architectures, Is.EqualTo(first.Architectures), "seeded");
    }

    private static PolicySpec TestPolicy() => Presets.Presets.For("CartPole-v1", "ppo").Policy with { Architectures = Space };

    [TestCase(1, 1)]
    [TestCase(3, 1)]
    [TestCase(8, 4)]
    [TestCase(16, 8)]
    [TestCase(64, 8)]
    public void TheDefaultMetaBatchIsEightOrHalfTheEnvs(int numEnvs, int expected) =>
        Assert.That(new PpoConfig().ResolveMetaBatch(numEnvs), Is.EqualTo(expected));

    [TestCase(16, true, "exceeds numEnvs (8)")]
    [TestCase(0, true, "ppo.metaBatch")]
    [TestCase(4, false, "policy.architectures is not set")]
    public void MetaBatchIsCheckedBeforeTraining(int metaBatch, bool withSpace, string expected)
    {
        var config = Config(1_024);
        config = config with
        {
            Algorithm = (PpoConfig)config.Algorithm with { MetaBatch = metaBatch },
            Policy = withSpace ? config.Policy : config.Policy with { Architectures = null },
        };
        var error = Assert.Throws<ConfigException>(() => ConfigValidation.Check(config))!;
        Assert.That(error.Message, Does.Contain(expected));
        Assert.That(Directory.Exists(Path.Combine(Root, "never")), Is.False);
    }
}
