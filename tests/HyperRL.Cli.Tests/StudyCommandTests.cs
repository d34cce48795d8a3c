using HyperRL.Testing;

namespace HyperRL.Cli.Tests;

/// <summary><c>hyperrl study</c> end to end: jobs in parallel processes, every output file, and bad specs refused
/// before any work.</summary>
public sealed class StudyCommandTests() : TempRootTest("hyperrl-study-cli-")
{
    private const string Tiny = """
        {"env": "CartPole-v1", "algo": "ppo", "steps": 1024, "seeds": [1, 2], "schemes": ["concat", {"label": "hyper-bias", "policy": {"conditioning": "hyper", "hyper": {"init": "bias"}}}],
         "features": {"pole_length": "0.3:0.4:0.7:1.0", "force_mag": "7:8:13:18"}, "protocol": "A",
         "episodes": 2, "pointsPerSplit": 2, "sweepPoints": 3,
         "config": {"numEnvs": 4, "ppo": {"numSteps": 64}, "evalEvery": 512, "evalEpisodes": 2, "checkpointEvery": 0, "tensorboard": false}}
        """;

    [Test]
    public void ParallelJobsProduceEveryOutputAndARerunOnlyAggregates()
    {
        string spec = WriteJson(Tiny);
        string directory = Path.Combine(Root, "study");
        var (code, output, error) = CliRunner.Run("study", spec, "--out", directory, "--jobs", "2");
        Assert.That(code, Is.EqualTo(0), error + output);
        foreach (string file in new[] { "results.csv", "summary.json", "report.md", "iqm.png", "along-pole_length.png", "along-force_mag.png", "evals/random.csv" })
            Assert.That(new FileInfo(Path.Combine(directory, file)).Length, Is.GreaterThan(0), file);
        foreach (string job in new[] { "concat-s1", "concat-s2", "hyper-bias-s1", "hyper-bias-s2" })
        {
            Assert.That(File.Exists(Path.Combine(directory, "evals", job + ".csv")), job);
            Assert.That(File.ReadAllText(Path.Combine(directory, "runs", job, "config.json")), Does.Contain("\"init\": \"bias\"").Or.Contain("\"conditioning\": \"concat\""));
        }
        Assert.That(output, Does.Contain("4 jobs, 4 to run"));
        Assert.That(output, Does.Contain("all_extrapolation"));

        var again = CliRunner.Run("study", spec, "--out", directory, "--jobs", "2");
        Assert.That(again.ExitCode, Is.EqualTo(0), again.Error);
        Assert.That(again.Output, Does.Contain("4 jobs, 0 to run"));
    }

    [Test]
    public void OnlyRunsOneJob()
    {
        string directory = Path.Combine(Root, "study");
        var (code, output, error) = CliRunner.Run("study", WriteJson(Tiny), "--out", directory, "--only", "concat-s2");
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("concat-s2: trained and evaluated"));
        Assert.That(Directory.GetFiles(Path.Combine(directory, "evals")).Select(Path.GetFileName), Is.EqualTo(new[] { "concat-s2.csv" }));
    }

    [TestCase("""{"env": "CartPole-v1", "seeds": [1], "schemes": ["mlp"], "features": {"pole_lenght": "0.3:0.4:0.7:1.0"}}""", "Unknown descriptor parameter 'pole_lenght'")]
    [TestCase("""{"env": "CartPole-v9", "seeds": [1], "schemes": ["mlp"], "features": {"pole_length": "0.3:0.4:0.7:1.0"}}""", "CartPole-v9")]
    [TestCase("""{"env": "CartPole-v1", "seeds": [1], "schemes": ["mlp"], "features": {"pole_length": "0.3:0.4:0.7:1.0"}, "config": {"ppo": {"clipCoef": -1}}}""", "clipCoef")]
    [TestCase("""{"env": "CartPole-v1", "seeds": [1], "schemes": [{"label": "x", "policy": {"conditioning": "hyperr"}}], "features": {"pole_length": "0.3:0.4:0.7:1.0"}}""", "hyperr")]
    [TestCase("""{"env": "Pendulum-v1", "seeds": [1], "schemes": ["mlp"], "features": {"m": "0.5:0.7:1:2"}, "normalize": true}""", "no solved threshold")]
    [TestCase("""{"env": "CartPole-v1", "seeds": [1], "schemes": ["mlp"], "features": {"pole_length": "0.3:0.4:0.7:1.0"}} trailing""", "not a JSON object")]
    public void BadSpecsExitWithOneLineAndWriteNothing(string json, string message)
    {
        string directory = Path.Combine(Root, "study");
        var (code, output, error) = CliRunner.Run("study", WriteJson(json), "--out", directory);
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith("error: ").And.Contain(message));
        Assert.That(Directory.Exists(directory), Is.False, "nothing written");
    }

    [Test]
    public void AMissingSpecAndAnUnknownJobAreOneLineErrors()
    {
        var missing = CliRunner.Run("study", Path.Combine(Root, "nope.json"), "--out", Path.Combine(Root, "s"));
        Assert.That((missing.ExitCode, missing.Error.Trim()), Is.EqualTo((2, $"error: study spec '{Path.Combine(Root, "nope.json")}' does not exist")));
        var unknown = CliRunner.Run("study", WriteJson(Tiny), "--out", Path.Combine(Root, "s"), "--only", "mlp-s9");
        Assert.That(unknown.ExitCode, Is.EqualTo(2));
        Assert.That(unknown.Error, Does.Contain("the study has no job 'mlp-s9'"));
    }
}
