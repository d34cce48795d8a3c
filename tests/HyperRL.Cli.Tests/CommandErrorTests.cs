using HyperRL.Testing;
namespace HyperRL.Cli.Tests;

/// <summary>Bad input gives a one-line error naming the problem and a non-zero exit code, never a stack trace.</summary>
public sealed class CommandErrorTests() : TempRootTest("hyperrl-cli-")
{
    private static void AssertOneLineError((int ExitCode, string Output, string Error) result, params string[] fragments)
    {
        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        string error = result.Error.Trim();
        Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(error.Split('\n'), Has.Length.EqualTo(1), error);
        foreach (string f in fragments) Assert.That(error, Does.Contain(f));
    }

    [Test]
    public void CudaWithoutTheBundleSaysSo() =>
        AssertOneLineError(CliRunner.Run("train", "--device", "cuda", "--steps", "256", "--out", Root), "cuda", "TorchSharp-cpu");

    [Test]
    public void EnvsListsEveryEnvWithItsDescriptor()
    {
        var result = CliRunner.Run("envs");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("CartPole-v1").And.Contain("pole_length").And.Contain("LunarLander-v3").And.Contain("wind_power"));
    }

    [Test]
    public void EnvsPrintsUnboundedObservationsAsInfAndAlignsTheDescriptorTable()
    {
        var lines = CliRunner.Run("envs").Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int cartPole = lines.FindIndex(l => l.StartsWith("CartPole-v1"));
        Assert.That(lines[cartPole + 1], Is.EqualTo("  observation: Box([-4.8, -inf, -0.4189, -inf], [4.8, inf, 0.4189, inf])"),
            "the velocities are unbounded");

        var table = lines.Skip(cartPole).SkipWhile(l => !l.StartsWith("  descriptor")).Skip(1).TakeWhile(l => l.StartsWith("    ")).ToList();
        Assert.That(table, Has.Count.EqualTo(HyperRL.Envs.ClassicControl.CartPoleDescriptor.Spec.Length));
        foreach (string column in new[] { "default ", "range [" })
            Assert.That(table.Select(l => l.IndexOf(column, StringComparison.Ordinal)).Distinct().Count(), Is.EqualTo(1), column + string.Join("\n", table));
        var parameters = HyperRL.Envs.ClassicControl.CartPoleDescriptor.Spec.Parameters;
        Assert.That(table.Select((l, i) => l.IndexOf(parameters[i].Description, StringComparison.Ordinal)).Distinct().Count(), Is.EqualTo(1),
            "descriptions start in one column: " + string.Join("\n", table));
    }

    [Test]
    public void CorruptPolicyFileAndCheckpointAreNamed()
    {
        var trained = CliRunner.Run("train", "--steps", "512", "--envs", "2", "--name", "small", "--out", Root, "--quiet",
            "--config", WriteJson("""{"ppo": {"numSteps": 64, "minibatchSize": 64, "updateEpochs": 1}, "evalEvery": 512, "evalEpisodes": 1, "checkpointEvery": 256}"""));
        Assert.That(trained.ExitCode, Is.EqualTo(0), trained.Error);
        string run = Path.Combine(Root, "small");

        string optimizer = Path.Combine(run, "checkpoint", "optimizer.bin");
        File.WriteAllBytes(optimizer, File.ReadAllBytes(optimizer)[..100]);
        AssertOneLineError(CliRunner.Run("train", "--resume", run, "--steps", "1024", "--quiet"), "optimizer");

        string policy = Path.Combine(run, "policy.hrlp");
        var bytes = File.ReadAllBytes(policy);
        bytes[^40] ^= 0xFF;
        File.WriteAllBytes(policy, bytes);
        AssertOneLineError(CliRunner.Run("eval", run), "policy.hrlp", "checksum");
    }

    [Test]
    public void RandomRunsEpisodes()
    {
        var result = CliRunner.Run("random", "--env", "CartPole-v1", "--episodes", "3", "--seed", "4");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("episode 2:").And.Contain("mean return of a random policy over 3 episodes"));
    }
}

public sealed class HelpTests
{
    [TestCase]
    [TestCase("train")]
    [TestCase("eval")]
    [TestCase("plot")]
    [TestCase("render")]
    [TestCase("envs")]
    [TestCase("random")]
    [TestCase("summary")]
    [TestCase("bench")]
    [TestCase("bench", "envs")]
    [TestCase("bench", "policy")]
    [TestCase("bench", "train")]
    [TestCase("worker")]
    public void EveryCommandHasHelpWithExamples(params string[] command)
    {
        var result = CliRunner.Run(command.Append("--help").ToArray());
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("Example").And.Contain("hyperrl "));
    }
}
