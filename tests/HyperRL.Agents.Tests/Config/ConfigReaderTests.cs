using HyperRL.Agents.Algorithms.Dqn;
using HyperRL.Agents.Algorithms.Ppo;
using HyperRL.Agents.Config;
using HyperRL.HyperPolicy;
using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Tests.Config;

public sealed class ConfigReaderTests
{
    private static TrainConfig PpoPreset => Presets.Presets.For("CartPole-v1", "ppo");

    [Test]
    public void ConfigJsonHoldsOnlyTheSectionOfItsAlgorithmAndRoundTrips()
    {
        var json = ConfigReader.ToJObject(PpoPreset);
        Assert.That(json["algo"]!.ToString(), Is.EqualTo("ppo"));
        Assert.That(json["ppo"]!["numSteps"]!.Value<int>(), Is.EqualTo(32));
        Assert.That(json["dqn"], Is.Null, "only what applies");
        Assert.That(json["policy"]!["conditioning"]!.ToString(), Is.EqualTo("hyper"));

        var back = ConfigReader.FromJObject(json, "test.json");
        Assert.That(back.Algorithm, Is.EqualTo(PpoPreset.Algorithm));
        Assert.That(back.Policy.SameAs(PpoPreset.Policy), Is.True);
        Assert.That(ConfigReader.ToJson(back), Is.EqualTo(ConfigReader.ToJson(PpoPreset)));
    }

    [Test]
    public void AnOverrideNamingAnotherAlgoSwitchesTheSection()
    {
        var merged = ConfigReader.Merge(PpoPreset, JObject.Parse("""{"algo": "dqn", "dqn": {"batchSize": 32}}"""), "test.json");
        Assert.That(merged.Algo, Is.EqualTo("dqn"));
        Assert.That(merged.Algorithm, Is.EqualTo(new DqnConfig { BatchSize = 32 }));
        Assert.That(ConfigReader.ToJObject(merged)["ppo"], Is.Null);
    }

    [Test]
    public void PolicyAndSectionOverridesMergeKeyByKey()
    {
        var merged = ConfigReader.Merge(PpoPreset, JObject.Parse("""{"policy": {"conditioning": "film"}, "ppo": {"entCoef": 0.02}}"""), "test.json");
        Assert.That(merged.Policy.Conditioning, Is.EqualTo(ConditioningKind.Film));
        Assert.That(merged.Policy.Hidden, Is.EqualTo(PpoPreset.Policy.Hidden), "the preset's trunk stays");
        var ppo = (PpoConfig)merged.Algorithm;
        Assert.That(ppo.EntCoef, Is.EqualTo(0.02));
        Assert.That(ppo.NumSteps, Is.EqualTo(32), "the preset's other hyperparameters stay");
    }

    [Test]
    public void ASectionOfAnotherAlgorithmOrAnUnknownKeyIsAnError()
    {
        var foreign = Assert.Throws<ConfigException>(() => ConfigReader.Merge(PpoPreset, JObject.Parse("""{"dqn": {"batchSize": 32}}"""), "test.json"));
        Assert.That(foreign!.Message, Does.Contain("'dqn'").And.Contain("'ppo'").And.Contain("test.json"));

        var typo = Assert.Throws<ConfigException>(() => ConfigReader.Merge(PpoPreset, JObject.Parse("""{"totalStep": 5}"""), "test.json"));
        Assert.That(typo!.Message, Does.Contain("totalStep").And.Contain("totalSteps").And.Contain("policy").And.Contain("ppo"));

        var sectionTypo = Assert.Throws<ConfigException>(() => ConfigReader.Merge(PpoPreset, JObject.Parse("""{"ppo": {"numStep": 4}}"""), "test.json"));
        Assert.That(sectionTypo!.Message, Does.Contain("ppo.numStep").And.Contain("numSteps"));

        var algo = Assert.Throws<ConfigException>(() => ConfigReader.Merge(PpoPreset, JObject.Parse("""{"algo": "a2c"}"""), "test.json"));
        Assert.That(algo!.Message, Does.Contain("a2c").And.Contain("ppo").And.Contain("dqn"));

        var policy = Assert.Throws<ConfigException>(() => ConfigReader.Merge(PpoPreset, JObject.Parse("""{"policy": {"head": "beta"}}"""), "test.json"));
        Assert.That(policy!.Message, Does.Contain("beta").And.Contain("categorical"));
    }
}
