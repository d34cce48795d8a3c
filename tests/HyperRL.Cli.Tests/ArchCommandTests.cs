namespace HyperRL.Cli.Tests;

/// <summary><c>hyperrl arch</c> and <c>hyperrl export --arch</c> on a tiny run trained over an architecture space.</summary>
public sealed class ArchCommandTests
{
    private static string _root = "";
    private static string _run = "";
    private static string _plainRun = "";

    [OneTimeSetUp]
    public static void TrainTinyRuns()
    {
        _root = Directory.CreateTempSubdirectory("hyperrl-arch-cli-").FullName;
        string config = Path.Combine(_root, "space.json");
        File.WriteAllText(config, """{"policy": {"architectures": {"depths": [1, 2], "widths": [4, 8, 16]}}, "ppo": {"metaBatch": 4}}""");
        var trained = CliRunner.Run("train", "--steps", "1024", "--name", "space", "--out", _root, "--quiet", "--eval-every", "0", "--config", config,
            "--randomize", "pole_length=0.3:0.8", "--heldout", "pole_length=1.2");
        Assert.That(trained.ExitCode, Is.EqualTo(0), trained.Error);
        var plain = CliRunner.Run("train", "--steps", "256", "--name", "plain", "--out", _root, "--quiet", "--eval-every", "0");
        Assert.That(plain.ExitCode, Is.EqualTo(0), plain.Error);
        (_run, _plainRun) = (Path.Combine(_root, "space"), Path.Combine(_root, "plain"));
    }

    [OneTimeTearDown]
    public static void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void ArchWritesOneCsvRowPerArchitectureThePlotAndTheSmallestWithinTheFraction()
    {
        var result = CliRunner.Run("arch", _run, "--episodes", "2", "--sample", "5", "--within", "0.5");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        var lines = File.ReadAllLines(Path.Combine(_run, "arch.csv"));
        Assert.That(lines[0], Is.EqualTo("architecture,depth,parameters,train_mean,train_std,heldout0_mean,heldout0_std"));
        Assert.That(lines.Length, Is.EqualTo(1 + 5));
        Assert.That(lines.Skip(1).Select(line => line.Split(',').Length), Is.All.EqualTo(7));
        Assert.That(lines.Skip(1).Select(line => line.Split(',')[0]), Has.Some.Contains("x"), "two-layer names such as 8x4");
        Assert.That(new FileInfo(Path.Combine(_run, "arch.png")).Length, Is.GreaterThan(10_000));
        Assert.That(result.Output, Does.Contain("5 of 12 architectures x 2 descriptor set(s) (train, heldout0) x 2 episodes")
            .And.Contain("train Pareto front: [").And.Contain("train: smallest within 50 % of the best")
            .And.Contain("held-out (mean over points): smallest within"));
    }

    [Test]
    public void AnExportedArchitectureIsAStandaloneFileThatEvalAccepts()
    {
        string file = Path.Combine(_root, "small.hrlp");
        var export = CliRunner.Run("export", _run, "--format", "hrlp", "--arch", "8,4", "--descriptor", "pole_length=0.6", "--out", file);
        Assert.That(export.ExitCode, Is.EqualTo(0), export.Error);
        Assert.That(export.Output, Does.Contain("architecture 8x4: actor 86 parameters").And.Contain("plain MLPs [8, 4]").And.Contain("pole_length=0.6"));
        var eval = CliRunner.Run("eval", file, "--episodes", "3");
        Assert.That(eval.ExitCode, Is.EqualTo(0), eval.Error);
        Assert.That(eval.Output, Does.Contain("train").And.Contain("heldout0"));
        var onnx = CliRunner.Run("export", _run, "--arch", "16", "--out", Path.Combine(_root, "small.onnx"));
        Assert.That(onnx.ExitCode, Is.EqualTo(0), onnx.Error);
        Assert.That(onnx.Output, Does.Contain("mlp conditioning"));
    }

    [TestCase("arch", "PLAIN", "has no architecture space")]
    [TestCase("arch", "RUN", "--within must be a fraction", "--within", "1.5")]
    [TestCase("arch", "RUN", "--sample must be at least 1", "--sample", "0")]
    [TestCase("export", "RUN", "is not in the run's architecture space", "--arch", "12")]
    [TestCase("export", "RUN", "is not a list of hidden sizes", "--arch", "8,x")]
    [TestCase("export", "PLAIN", "trained one architecture", "--arch", "8")]
    [TestCase("export", "RUN", "--format 'zip' is not supported", "--format", "zip")]
    [TestCase("eval", "FILE", "holds no run config")]
    public void BadInputIsOneLineAndWritesNothing(string command, string target, string expected, params string[] extra)
    {
        string path = target switch { "PLAIN" => _plainRun, "RUN" => _run, _ => Path.Combine(_plainRun, "policy.hrlp") };
        var before = Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Length;
        var result = CliRunner.Run([command, path, .. extra]);
        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Error.Trim(), Does.Contain(expected));
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1), result.Error);
        Assert.That(Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Length, Is.EqualTo(before));
    }
}
