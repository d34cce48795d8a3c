namespace HyperRL.Cli.Tests;

/// <summary><c>hyperrl eval RUN</c> without --descriptor or --grid evaluates what training did: the training
/// descriptors and every held-out point, labelled as in eval.csv.</summary>
public sealed class EvalHeldOutTests
{
    private static string _root = "";
    private static string _run = "";

    [OneTimeSetUp]
    public static void TrainATinyRunWithTwoHeldOutPoints()
    {
        _root = Directory.CreateTempSubdirectory("hyperrl-heldout-").FullName;
        string config = Path.Combine(_root, "config.json");
        File.WriteAllText(config, """{"ppo": {"numSteps": 64, "minibatchSize": 64, "updateEpochs": 1}, "evalEvery": 512, "evalEpisodes": 1}""");
        var result = CliRunner.Run("train", "--steps", "512", "--envs", "2", "--name", "held", "--out", _root, "--quiet", "--config", config,
            "--heldout", "pole_length=1.2", "--heldout", "pole_length=0.3,force_mag=5");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        _run = Path.Combine(_root, "held");
    }

    [OneTimeTearDown]
    public static void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void EvalEvaluatesTheTrainingDescriptorsAndEveryHeldOutPoint()
    {
        string json = Path.Combine(_root, "eval.json");
        var result = CliRunner.Run("eval", _run, "--episodes", "2", "--json", json);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);

        var rows = result.Output.Split('\n').Skip(1).Where(l => l.Length > 0 && !l.StartsWith("wrote")).ToArray();
        Assert.That(rows, Has.Length.EqualTo(3), result.Output);
        Assert.That(rows[0], Does.StartWith("train ").And.Contain("pole_length=0.5,").And.Contain("force_mag=10, actuator_gain=1 "));
        Assert.That(rows[1], Does.StartWith("heldout0 ").And.Contain("pole_length=1.2,").And.Contain("force_mag=10, actuator_gain=1 "));
        Assert.That(rows[2], Does.StartWith("heldout1 ").And.Contain("pole_length=0.3,").And.Contain("force_mag=5, actuator_gain=1 "));

        var document = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(json));
        Assert.That(document["results"]!.Select(r => (string)r["set"]!), Is.EqualTo(new[] { "train", "heldout0", "heldout1" }));
        Assert.That((double)document["results"]![2]!["point"]!["force_mag"]!, Is.EqualTo(5));
    }

    [Test]
    public void AGivenDescriptorReplacesTheHeldOutPoints()
    {
        var result = CliRunner.Run("eval", _run, "--episodes", "1", "--descriptor", "pole_length=0.9");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        var rows = result.Output.Trim().Split('\n').Skip(1).ToArray();
        Assert.That(rows, Has.Length.EqualTo(1), result.Output);
        Assert.That(rows[0], Does.StartWith("custom ").And.Contain("pole_length=0.9"));
    }
}
