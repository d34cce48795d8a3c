using HyperRL.Agents.Config;
using HyperRL.Agents.Environments;
using HyperRL.Envs.ClassicControl;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Tests.Environments;

/// <summary>The policy spec's descriptorBounds: what the descriptor normalizer maps to [-1, 1].</summary>
public sealed class DescriptorBoundsTests
{
    [Test]
    public void DeclaredBoundsAreTheEnvsValidRanges()
    {
        var config = new TrainConfig { Randomize = new() { ["pole_length"] = "0.3:0.7" } };
        var shapes = EnvSetup.Shapes(config);
        Assert.That(shapes.DescriptorLow, Is.EqualTo(CartPoleDescriptor.Spec.Low));
        Assert.That(shapes.DescriptorHigh, Is.EqualTo(CartPoleDescriptor.Spec.High));
    }

    [Test]
    public void TrainBoundsAreTheTrainDistributionsBoxAndFixedValuesElsewhere()
    {
        var config = new TrainConfig
        {
            Policy = new PolicySpec { DescriptorBounds = DescriptorBoundsKind.Train },
            Parameters = new() { ["gravity"] = 12.0 },
            Randomize = new() { ["force_mag"] = "7:13" },
            RandomizeBoxes = [new() { ["pole_length"] = "0.3:0.4", ["actuator_gain"] = "-1:1" }, new() { ["pole_length"] = "0.6", ["actuator_gain"] = "-2:0.5" }],
        };
        ConfigValidation.Check(config);
        var shapes = EnvSetup.Shapes(config);
        var spec = CartPoleDescriptor.Spec;
        float[] low = shapes.DescriptorLow, high = shapes.DescriptorHigh;
        Assert.That((low[spec.IndexOf("force_mag")], high[spec.IndexOf("force_mag")]), Is.EqualTo((7f, 13f)));
        Assert.That((low[spec.IndexOf("pole_length")], high[spec.IndexOf("pole_length")]), Is.EqualTo((0.3f, 0.6f)), "the union of the boxes");
        Assert.That((low[spec.IndexOf("actuator_gain")], high[spec.IndexOf("actuator_gain")]), Is.EqualTo((-2f, 1f)));
        Assert.That((low[spec.IndexOf("gravity")], high[spec.IndexOf("gravity")]), Is.EqualTo((12f, 12f)), "fixed: a constant");
        Assert.That((low[spec.IndexOf("cart_mass")], high[spec.IndexOf("cart_mass")]), Is.EqualTo((1f, 1f)), "default: a constant");
    }

    [Test]
    public void WithoutRandomizationTrainBoundsFallBackToTheDeclaredOnes()
    {
        var shapes = EnvSetup.Shapes(new TrainConfig { Policy = new PolicySpec { DescriptorBounds = DescriptorBoundsKind.Train } });
        Assert.That(shapes.DescriptorLow, Is.EqualTo(CartPoleDescriptor.Spec.Low));
    }

    [Test]
    public void TheChoiceRoundTripsThroughThePolicySpecAndABadOneIsAConfigError()
    {
        var spec = PolicySpec.Parse("""{"descriptorBounds": "train"}""");
        Assert.That(spec.DescriptorBounds, Is.EqualTo(DescriptorBoundsKind.Train));
        Assert.That(PolicySpec.Parse(spec.ToJson()).DescriptorBounds, Is.EqualTo(DescriptorBoundsKind.Train));
        Assert.That(new PolicySpec().ToJson(), Does.Not.Contain("descriptorBounds"), "the default is not written: older policy files keep their bytes");
        var error = Assert.Throws<ConfigException>(() => ConfigReader.Merge(new TrainConfig(), Newtonsoft.Json.Linq.JObject.Parse("""{"policy": {"descriptorBounds": "box"}}"""), "c.json"));
        Assert.That(error!.Message, Does.Contain("descriptorBounds").And.Contain("declared, train"));
    }
}
