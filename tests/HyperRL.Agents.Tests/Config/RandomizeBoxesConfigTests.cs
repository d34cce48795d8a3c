using HyperRL.Agents.Config;
using HyperRL.Agents.Environments;
using HyperRL.Envs.ClassicControl;
using HyperRL.Envs.Descriptors;
using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Tests.Config;

/// <summary><c>randomizeBoxes</c>: read, written back, validated and turned into env options as <c>randomize</c> is.</summary>
public sealed class RandomizeBoxesConfigTests
{
    private static TrainConfig Ppo => Presets.Presets.For("CartPole-v1", "ppo");

    private const string LShaped = """
        {"randomizeBoxes": [{"pole_length": "0.3:0.4", "force_mag": "7:13"}, {"pole_length": "0.3:0.7", "force_mag": "7:8"}]}
        """;

    private static TrainConfig WithBoxes(List<Dictionary<string, string>> boxes) => Ppo with { RandomizeBoxes = boxes };

    private static string ErrorOf(TrainConfig config) => Assert.Throws<ConfigException>(() => ConfigValidation.Check(config))!.Message;

    [Test]
    public void IsReadFromJsonAndRoundTripsThroughConfigJson()
    {
        var config = ConfigReader.Merge(Ppo, JObject.Parse(LShaped), "test.json");
        Assert.That(config.RandomizeBoxes, Has.Count.EqualTo(2));
        Assert.That(config.RandomizeBoxes[1], Is.EqualTo(new Dictionary<string, string> { ["pole_length"] = "0.3:0.7", ["force_mag"] = "7:8" }));

        var json = ConfigReader.ToJObject(config);
        Assert.That(json["randomizeBoxes"]![0]!["force_mag"]!.ToString(), Is.EqualTo("7:13"));
        var back = ConfigReader.FromJObject(json, "config.json");
        Assert.That(back.RandomizeBoxes, Is.EqualTo(config.RandomizeBoxes));
        Assert.That(ConfigReader.ToJson(back), Is.EqualTo(ConfigReader.ToJson(config)));
        ConfigValidation.Check(back);
    }

    [Test]
    public void APresetHasNoBoxesAndWritesAnEmptyList()
    {
        Assert.That(Ppo.RandomizeBoxes, Is.Empty);
        Assert.That(EnvSetup.TrainingOptions(Ppo).Randomize, Is.Null, "no randomization, as before");
        Assert.That(RandomizationSettings.IsRandomized(Ppo), Is.False);
    }

    [Test]
    public void BecomeTheEnvsBoxesAndCountAsRandomization()
    {
        var config = ConfigReader.Merge(Ppo, JObject.Parse(LShaped), "test.json") with
        {
            Randomize = new() { ["gravity"] = "9:10" },
            HeldOut = [new() { ["pole_length"] = 1.0 }],
        };
        Assert.That(RandomizationSettings.IsRandomized(config), Is.True);
        var distribution = EnvSetup.TrainingOptions(config).Randomize!;
        Assert.That(distribution.Train["gravity"], Is.EqualTo(new ParameterRange(9, 10)));
        Assert.That(distribution.Boxes, Has.Count.EqualTo(2));
        Assert.That(distribution.Boxes[0]["force_mag"], Is.EqualTo(new ParameterRange(7, 13)));
        Assert.That(distribution.HeldOut, Has.Count.EqualTo(1));

        // Boxes alone randomize too: the envs re-sample inside the union.
        var boxesOnly = ConfigReader.Merge(Ppo, JObject.Parse(LShaped), "test.json");
        var env = EnvSetup.Probe(boxesOnly);
        var lengths = new HashSet<double>();
        for (int episode = 0; episode < 20; episode++)
        {
            env.Reset(episode == 0 ? 0 : null);
            double length = env.Descriptor[CartPoleDescriptor.PoleLength];
            Assert.That(length, Is.InRange(0.3, 0.7));
            lengths.Add(length);
        }
        Assert.That(lengths, Has.Count.GreaterThan(15));
    }

    [Test]
    public void PinnedValuesAreAccepted()
    {
        var config = WithBoxes([new() { ["pole_length"] = "0.3" }, new() { ["pole_length"] = "0.7" }]);
        ConfigValidation.Check(config);
        Assert.That(EnvSetup.TrainingOptions(config).Randomize!.Boxes[1]["pole_length"], Is.EqualTo(new ParameterRange(0.7, 0.7)));
    }

    [Test]
    public void BadBoxesAreOneLineErrorsNamingTheKey()
    {
        Assert.That(ErrorOf(WithBoxes([new() { ["pole_length"] = "0.3:0.4", ["force_mag"] = "7:13" }, new() { ["pole_length"] = "0.3:0.7" }])),
            Does.Contain("randomizeBoxes[1] names pole_length but randomizeBoxes[0] names pole_length, force_mag"));
        Assert.That(ErrorOf(WithBoxes([new() { ["pole_length"] = "0.3:0.4" }, new() { ["force_mag"] = "7:8" }])),
            Does.Contain("randomizeBoxes[1] names force_mag but randomizeBoxes[0] names pole_length"));
        Assert.That(ErrorOf(WithBoxes([new() { ["pole_length"] = "0.3:0.4" }]) with { Randomize = new() { ["pole_length"] = "0.3:0.8" } }),
            Does.Contain("randomizeBoxes[0].pole_length").And.Contain("randomize too"));
        Assert.That(ErrorOf(WithBoxes([new() { ["pole_length"] = "0.3:9" }])), Does.Contain("randomizeBoxes[0].pole_length").And.Contain("outside"));
        Assert.That(ErrorOf(WithBoxes([new() { ["pole_length"] = "0.3:0.4" }, new() { ["pole_length"] = "0.8:0.3" }])),
            Does.Contain("randomizeBoxes[1].pole_length").And.Contain("LOW > HIGH"));
        Assert.That(ErrorOf(WithBoxes([new() { ["pole_length"] = "short" }])), Does.Contain("randomizeBoxes[0].pole_length").And.Contain("LOW:HIGH"));
        Assert.That(ErrorOf(WithBoxes([new() { ["pole_lenght"] = "0.3:0.4" }])), Does.Contain("randomizeBoxes[0].pole_lenght").And.Contain("pole_length"));
        Assert.That(ErrorOf(WithBoxes([[]])), Does.Contain("randomizeBoxes[0] names no descriptor parameter"));
        foreach (var message in new[] { ErrorOf(WithBoxes([new() { ["pole_length"] = "0.3:9" }])) })
            Assert.That(message, Does.Not.Contain("\n"));
    }

    [Test]
    public void AJsonValueOfTheWrongShapeIsAConfigError()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigReader.Merge(Ppo, JObject.Parse("""{"randomizeBoxes": {"pole_length": "0.3:0.4"}}"""), "test.json"));
        Assert.That(ex!.Message, Does.Contain("test.json"));
    }
}
