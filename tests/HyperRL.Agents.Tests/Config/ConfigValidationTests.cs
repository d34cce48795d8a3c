using HyperRL.Agents.Algorithms.Dqn;
using HyperRL.Agents.Algorithms.Ppo;
using HyperRL.Agents.Config;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Tests.Config;

public sealed class ConfigValidationTests
{
    private static TrainConfig Ppo => Presets.Presets.For("CartPole-v1", "ppo");

    private static string ErrorOf(TrainConfig config) => Assert.Throws<ConfigException>(() => ConfigValidation.Check(config))!.Message;

    [Test]
    public void EveryAlgorithmsPresetsPassOrOnlyRefuseTheEnvsKindOfActions()
    {
        foreach (var package in HyperRL.Agents.Algorithms.AlgorithmRegistry.All)
        foreach (string preset in package.PresetNames)
        foreach (string env in Envs.Registry.EnvRegistry.Ids)
        {
            try
            {
                var config = package.Preset(env, preset);
                Assert.That(config.Preset, Is.EqualTo(preset));
                ConfigValidation.Check(config);
            }
            catch (ConfigException e)
            {
                Assert.That(e.Message, Does.Match("needs (discrete|continuous) actions"), $"{package.Name} {preset} on {env}");
            }
        }
    }

    [Test]
    public void DqnsRainbowPresetAddsRainbowsPartsToTheDefault()
    {
        var plain = Presets.Presets.For("CartPole-v1", "dqn");
        var rainbow = Presets.Presets.For("CartPole-v1", "dqn", "rainbow");
        var (d, r) = ((DqnConfig)plain.Algorithm, (DqnConfig)rainbow.Algorithm);
        Assert.That((r.NStep, r.Prioritized, r.Distributional, r.Quantiles, r.Noisy), Is.EqualTo((3, true, "qr", 10, false)));
        Assert.That(r with { NStep = 1, Prioritized = false, Distributional = "none", Quantiles = d.Quantiles }, Is.EqualTo(d), "otherwise the default preset");
        Assert.That((d.NStep, d.Prioritized, d.Distributional), Is.EqualTo((1, false, "none")), "the default stays plain DQN");
        Assert.That(rainbow.Policy.ToJObject().ToString(), Is.EqualTo(plain.Policy.ToJObject().ToString()), "the same network");
    }

    [Test]
    public void DescriptorSettingsAreCheckedAgainstTheFamilysRanges()
    {
        Assert.That(ErrorOf(Ppo with { HeldOut = [new() { ["pole_length"] = 9 }] }), Does.Contain("heldOut[0].pole_length").And.Contain("outside"));
        Assert.That(ErrorOf(Ppo with { HeldOut = [new() { ["pole_lenght"] = 1 }] }), Does.Contain("pole_lenght").And.Contain("pole_length"));
        Assert.That(ErrorOf(Ppo with { Randomize = new() { ["pole_length"] = "0.3:9" } }), Does.Contain("randomize.pole_length"));
        Assert.That(ErrorOf(Ppo with { Parameters = new() { ["force_mag"] = -1 } }), Does.Contain("parameters.force_mag"));
    }

    [Test]
    public void EachAlgorithmChecksItsOwnSectionAndTheEnvsActions()
    {
        Assert.That(ErrorOf(Ppo with { Algorithm = new PpoConfig { EntCoef = double.NaN } }), Does.Contain("ppo.entCoef"));
        Assert.That(ErrorOf(Ppo with { Algorithm = new PpoConfig { ClipCoef = -1 } }), Does.Contain("ppo.clipCoef"));
        Assert.That(ErrorOf(Ppo with { Policy = Ppo.Policy with { Head = HeadKind.Q } }), Does.Contain("Q-value head"));
        var dqnOnPendulum = Presets.Presets.For("Pendulum-v1", "dqn");
        Assert.That(ErrorOf(dqnOnPendulum), Does.Contain("discrete actions"));
        Assert.That(ErrorOf(Presets.Presets.For("CartPole-v1", "dqn") with { Algorithm = new DqnConfig { Tau = 0 } }), Does.Contain("dqn.tau"));
        Assert.That(ErrorOf(Ppo with { Policy = Ppo.Policy with { Hidden = [] } }), Does.StartWith("policy:"));
    }

    [Test]
    public void DqnChecksItsReplayKeys()
    {
        var cartPole = Presets.Presets.For("CartPole-v1", "dqn");
        TrainConfig With(DqnConfig d) => cartPole with { Algorithm = d };
        var preset = (DqnConfig)cartPole.Algorithm;
        Assert.DoesNotThrow(() => ConfigValidation.Check(With(preset with { NStep = 3, Prioritized = true })));
        Assert.That(ErrorOf(With(preset with { NStep = 0 })), Does.StartWith("dqn.nStep must be between 1 and 100"));
        Assert.That(ErrorOf(With(preset with { NStep = 101 })), Does.Contain("dqn.nStep").And.Contain("got 101"));
        Assert.That(ErrorOf(With(preset with { PriorityAlpha = 1.5 })), Does.Contain("dqn.priorityAlpha must be in [0, 1]"));
        Assert.That(ErrorOf(With(preset with { PriorityBeta = -0.1 })), Does.Contain("dqn.priorityBeta must be in [0, 1]"));
        Assert.That(ErrorOf(With(preset with { PriorityEpsilon = 0 })), Does.StartWith("dqn.priorityEpsilon must be a positive number"));
        Assert.That(ErrorOf(With(preset with { PriorityEpsilon = double.NaN })), Does.Contain("dqn.priorityEpsilon"));
        foreach (var message in new[] { ErrorOf(With(preset with { NStep = 0 })), ErrorOf(With(preset with { PriorityEpsilon = 0 })) })
            Assert.That(message, Does.Not.Contain("\n"), "one line");
    }

    [Test]
    public void TheReplayMemoryCheckCountsDiscountsAndPriorityTrees()
    {
        var shapes = new PolicyShapes(4, ActionKind.Discrete, 2, [0, 0], [1, 1]);
        var uniform = new DqnConfig();
        // s, s' (4 floats each), descriptor (2), reward, terminated, discount: 13 floats, plus an int64 action.
        Assert.That(uniform.ReplayBytes(1000, shapes), Is.EqualTo(1000 * (13 * 4 + 8)));
        // Sums and minima as doubles over 1024 leaves, twice the leaves' count of nodes each.
        Assert.That((uniform with { Prioritized = true }).ReplayBytes(1000, shapes), Is.EqualTo(1000 * (13 * 4 + 8) + 2 * 2 * 1024 * 8));
        Assert.That((uniform with { NStep = 5 }).ReplayBytes(1000, shapes), Is.EqualTo(uniform.ReplayBytes(1000, shapes)));
    }

    [Test]
    public void DistributionalAndNoisySettingsAreCheckedInOneLine()
    {
        var dqn = Presets.Presets.For("CartPole-v1", "dqn");
        string Error(DqnConfig d) => ErrorOf(dqn with { Algorithm = d });
        Assert.That(Error(new DqnConfig { Distributional = "iqn" }), Is.EqualTo("dqn.distributional 'iqn' is unknown; valid: none, qr, c51"));
        Assert.That(Error(new DqnConfig { Distributional = "qr", Quantiles = 0 }), Does.Contain("dqn.quantiles must be at least 1"));
        Assert.That(Error(new DqnConfig { Distributional = "c51", Atoms = 1 }), Does.Contain("dqn.atoms must be at least 2"));
        Assert.That(Error(new DqnConfig { Distributional = "c51", VMin = 5, VMax = 5 }), Does.Contain("dqn.vMin must be below dqn.vMax"));
        Assert.That(Error(new DqnConfig { Noisy = true, NoisySigma = 0 }), Does.Contain("dqn.noisySigma"));
        Assert.That(Error(new DqnConfig { Noisy = true, NoisySigma = 0 }), Does.Not.Contain("\n"));
        Assert.DoesNotThrow(() => ConfigValidation.Check(dqn with { Algorithm = new DqnConfig { Distributional = "c51", Quantiles = 0 } }),
            "only the chosen kind's settings are checked");
    }

    [Test]
    public void OnlyTheChosenDistributionsSettingsReachTheNetwork()
    {
        var cartPole = (DqnConfig)Presets.Presets.For("CartPole-v1", "dqn").Algorithm;
        Assert.That(cartPole.VMax, Is.EqualTo(100), "the preset's C51 support");
        Assert.That(cartPole.NetworkOptions().IsDefault, Is.True, "a plain DQN's policy file stays without options");
        var c51 = (cartPole with { Distributional = "c51" }).NetworkOptions();
        Assert.That((c51.Distribution, c51.VMin, c51.VMax, c51.Quantiles), Is.EqualTo((QDistributionKind.Categorical, -100f, 100f, 200)));
    }
}
