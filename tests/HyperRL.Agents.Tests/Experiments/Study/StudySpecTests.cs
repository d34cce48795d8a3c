using HyperRL.Agents.Experiments.Study;

namespace HyperRL.Agents.Tests.Experiments.Study;

/// <summary>What a study spec may say, and the one-line errors for what it may not.</summary>
public sealed class StudySpecTests
{
    private const string Minimal = """{"env": "CartPole-v1", "seeds": [1, 2], "schemes": ["hyper", "mlp"], "features": {"pole_length": "0.3:0.4:0.7:1.0"}}""";

    [Test]
    public void AMinimalSpecTakesTheDefaults()
    {
        var spec = StudySpec.Parse(Minimal, "s.json");
        Assert.That((spec.Algo, spec.Protocol, spec.Episodes, spec.PointsPerSplit, spec.SweepPoints, spec.Steps), Is.EqualTo(("ppo", ProtocolMode.A, 20, 10, 9, (long?)null)));
        Assert.That(spec.Schemes.Select(s => (s.Label, (string?)s.Policy["conditioning"])), Is.EqualTo(new[] { ("hyper", (string?)"hyper"), ("mlp", "mlp") }));
        Assert.That(spec.Features.Single(), Is.EqualTo(new ContextFeature("pole_length", 0.3, 0.4, 0.7, 1.0)));
        Assert.That(spec.Normalize, Is.Null);
    }

    [Test]
    public void ASchemeMayBeAPolicyObjectWithALabel()
    {
        var spec = StudySpec.Parse("""
            {"env": "CartPole-v1", "seeds": [1], "features": {"pole_length": "0.3:0.4:0.7:1.0", "force_mag": "7:8:13:18"}, "protocol": "B",
             "schemes": ["film", {"label": "hyper-bias", "policy": {"conditioning": "hyper", "hyper": {"init": "bias"}}}],
             "points": [{"pole_length": 1.5, "force_mag": 9}], "normalize": {"solved": 400}, "config": {"numEnvs": 8}}
            """, "s.json");
        Assert.That(spec.Schemes[1].Label, Is.EqualTo("hyper-bias"));
        Assert.That((string?)spec.Schemes[1].Policy["hyper"]!["init"], Is.EqualTo("bias"));
        Assert.That(spec.Protocol, Is.EqualTo(ProtocolMode.B));
        Assert.That(spec.Points.Single()["pole_length"], Is.EqualTo(1.5));
        Assert.That(spec.Normalize, Is.EqualTo(new StudyNormalization(null, 400)));
        Assert.That((int?)spec.Config["numEnvs"], Is.EqualTo(8));
    }

    [TestCase("""{"seeds": [1], "schemes": ["mlp"], "features": {"pole_length": "0.3:0.4:0.7:1.0"}}""", "'env' is required")]
    [TestCase("""{"env": "CartPole-v1", "seeds": [1], "schemes": ["mlp"], "features": {"pole_length": "0.3:0.4:0.7:1.0"}, "stepz": 5}""", "unknown key 'stepz'")]
    [TestCase("""{"env": "CartPole-v1", "seeds": [], "schemes": ["mlp"], "features": {"pole_length": "0.3:0.4:0.7:1.0"}}""", "'seeds' must be a non-empty list")]
    [TestCase("""{"env": "CartPole-v1", "seeds": [1, 1], "schemes": ["mlp"], "features": {"pole_length": "0.3:0.4:0.7:1.0"}}""", "names a seed twice")]
    [TestCase("""{"env": "CartPole-v1", "seeds": [1], "schemes": ["hyperr"], "features": {"pole_length": "0.3:0.4:0.7:1.0"}}""", "schemes[0] 'hyperr' is not one of")]
    [TestCase("""{"env": "CartPole-v1", "seeds": [1], "schemes": ["mlp", "mlp"], "features": {"pole_length": "0.3:0.4:0.7:1.0"}}""", "two schemes have the same label")]
    [TestCase("""{"env": "CartPole-v1", "seeds": [1], "schemes": [{"label": "a b", "policy": {}}], "features": {"pole_length": "0.3:0.4:0.7:1.0"}}""", "usable as a file name")]
    [TestCase("""{"env": "CartPole-v1", "seeds": [1], "schemes": ["mlp"], "features": {}}""", "'features' must map one or two")]
    [TestCase("""{"env": "CartPole-v1", "seeds": [1], "schemes": ["mlp"], "features": {"pole_length": "0.3:0.4:0.7:1.0"}, "protocol": "D"}""", "protocol 'D' is not A, B or C")]
    [TestCase("""{"env": "CartPole-v1", "seeds": [1], "schemes": ["mlp"], "features": {"pole_length": "0.3:0.4:0.7:1.0"}, "points": [{"gravity": 9}]}""", "points[0] names 'gravity', which is not a study feature")]
    [TestCase("""{"env": "CartPole-v1", "seeds": [1], "schemes": ["mlp"], "features": {"pole_length": "0.3:0.4:0.7:1.0"}, "config": {"seed": 3}}""", "config.seed is set by the study itself")]
    [TestCase("""{"env": "CartPole-v1", "seeds": [1], "schemes": ["mlp"], "features": {"pole_length": "0.3:0.4:0.7:1.0"}, "episodes": 0}""", "'episodes' must be an integer in [1, 10000]")]
    [TestCase("""{"env": "CartPole-v1", "seeds": [1], "schemes": ["mlp"], "features": {"pole_length": "0.3:0.4:0.7:1.0"}, "normalize": "yes"}""", "'normalize' must be true, false or")]
    [TestCase("""[1, 2]""", "is not a JSON object")]
    public void BadSpecsFailWithOneLineNamingTheProblem(string json, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => StudySpec.Parse(json, "s.json"));
        Assert.That(error!.Message, Does.Contain(message));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }
}
