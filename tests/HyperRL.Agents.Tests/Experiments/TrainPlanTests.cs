using HyperRL.Testing;
using HyperRL.Agents.Algorithms.Dqn;
using HyperRL.Agents.Algorithms.Ppo;
using HyperRL.Agents.Config;
using HyperRL.Agents.Experiments;
using HyperRL.Envs.Descriptors;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Tests.Experiments;

/// <summary>Config layering (preset, then file, then flags) and run naming, as a library call without the Cli.</summary>
public sealed class TrainPlanTests() : TempRootTest("hyperrl-plan-")
{
    [Test]
    public void PresetThenFileThenRequestWithOneRunPerSeed()
    {
        var runs = TrainPlan.Resolve(new TrainRequest
        {
            ConfigFile = WriteJson("""{"ppo": {"entCoef": 0.05, "numSteps": 64}, "numEnvs": 4, "totalSteps": 5000}"""),
            Conditioning = ConditioningKind.Concat,
            Steps = 4096,
            Seeds = [3, 4],
            Out = Root,
            Randomize = new Dictionary<string, ParameterRange> { ["pole_length"] = new(0.3, 0.7) },
            HeldOut = [new Dictionary<string, double> { ["pole_length"] = 1.0 }],
        });
        Assert.That(runs.Select(r => r.Config.Seed), Is.EqualTo(new[] { 3, 4 }));
        var c = runs[0].Config;
        var ppo = (PpoConfig)c.Algorithm;
        Assert.That((ppo.EntCoef, ppo.NumSteps, ppo.UpdateEpochs), Is.EqualTo((0.05, 64, 10)), "file over the CartPole preset (10 epochs)");
        Assert.That((c.NumEnvs, c.TotalSteps), Is.EqualTo((4, 4096L)), "the request's steps over the file's");
        Assert.That(c.Policy.Conditioning, Is.EqualTo(ConditioningKind.Concat));
        Assert.That(c.Randomize["pole_length"], Is.EqualTo("0.3:0.7"));
        Assert.That(c.HeldOut.Single()["pole_length"], Is.EqualTo(1.0));
        Assert.That(runs.Select(r => Path.GetFileName(r.RunDirectory)), Is.EqualTo(new[] { "CartPole-v1-ppo-concat-s3", "CartPole-v1-ppo-concat-s4" }));
    }

    [Test]
    public void ThePresetNameIsRecordedAndAnUnknownOneListsTheKnown()
    {
        var run = TrainPlan.Resolve(new TrainRequest { Out = Root, Preset = "default" }).Single();
        Assert.That(run.Config.Preset, Is.EqualTo("default"));
        Assert.That(ConfigReader.ToJObject(run.Config)["preset"]?.ToString(), Is.EqualTo("default"));
        var fromFile = Assert.Throws<ConfigException>(() => TrainPlan.Resolve(new TrainRequest { ConfigFile = WriteJson("""{"preset": "turbo"}"""), Out = Root }));
        Assert.That(fromFile!.Message, Is.EqualTo("ppo has no preset 'turbo'; its presets: default"));
        var fromFlag = Assert.Throws<ConfigException>(() => TrainPlan.Resolve(new TrainRequest { Preset = "turbo", Algo = "dqn", Out = Root }));
        Assert.That(fromFlag!.Message, Does.StartWith("dqn has no preset 'turbo'"));
    }

    [Test]
    public void AFileChoosingAnotherAlgoStartsFromThatAlgosPreset()
    {
        var run = TrainPlan.Resolve(new TrainRequest { ConfigFile = WriteJson("""{"algo": "dqn", "dqn": {"batchSize": 32}}"""), Out = Root }).Single();
        var dqn = (DqnConfig)run.Config.Algorithm;
        Assert.That(dqn.BatchSize, Is.EqualTo(32));
        Assert.That(dqn.GradientSteps, Is.EqualTo(64), "the DQN CartPole preset under the file");
        Assert.That(run.Config.Policy.Hidden, Is.EqualTo(new[] { 128, 128 }));
    }

    [Test]
    public void DefaultNamesTakeTheNextFreeSuffixButAnExplicitNameThatHoldsARunIsRefused()
    {
        string first = Path.Combine(Root, "CartPole-v1-ppo-hyper-s1");
        Directory.CreateDirectory(first);
        File.WriteAllText(Path.Combine(first, "config.json"), "{}");
        Assert.That(TrainPlan.Resolve(new TrainRequest { Out = Root }).Single().RunDirectory, Is.EqualTo(first + "-2"));

        var named = Assert.Throws<InvalidOperationException>(() => TrainPlan.Resolve(new TrainRequest { Out = Root, Name = "CartPole-v1-ppo-hyper-s1" }));
        Assert.That(named!.Message, Does.Contain("already holds a run"));
    }

    [Test]
    public void BadRequestsFailBeforeAnyRunIsPlanned()
    {
        Assert.Throws<ArgumentException>(() => TrainPlan.Resolve(new TrainRequest { Out = Root, Seeds = [1, 1] }));
        var heldOut = Assert.Throws<ConfigException>(() => TrainPlan.Resolve(new TrainRequest
        {
            Out = Root, HeldOut = [new Dictionary<string, double> { ["pole_length"] = 9 }],
        }));
        Assert.That(heldOut!.Message, Does.Contain("pole_length"));
        Assert.That(Directory.EnumerateFileSystemEntries(Root), Is.Empty);
    }
}
