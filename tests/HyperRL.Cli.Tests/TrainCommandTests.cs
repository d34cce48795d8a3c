using HyperRL.Testing;
using HyperRL.Agents.Runs;
using HyperRL.Envs.ClassicControl;

namespace HyperRL.Cli.Tests;

public sealed class TrainCommandTests() : TempRootTest("hyperrl-cli-")
{
    [Test]
    public void TinyTrainWritesARunAndResumeContinuesTheStepCount()
    {
        var train = CliRunner.Run("train", "--env", "CartPole-v1", "--algo", "ppo", "--policy", "concat", "--steps", "512", "--seed", "3", "--out", Root);
        Assert.That(train.ExitCode, Is.EqualTo(0), train.Error);
        string run = Path.Combine(Root, "CartPole-v1-ppo-concat-s3");
        foreach (string file in new[] { "config.json", "metrics.csv", "episodes.csv", "eval.csv", "policy.hrlp", "checkpoint/trainer.json" })
            Assert.That(File.Exists(Path.Combine(run, file)), Is.True, file);
        Assert.That(Directory.GetFiles(Path.Combine(run, "tb"), "events.out.tfevents.*"), Has.Length.EqualTo(1), "TensorBoard is on by default");
        Assert.That(File.ReadAllText(Path.Combine(run, "config.json")), Does.Contain("\"conditioning\": \"concat\"").And.Contain("\"seed\": 3"));
        Assert.That(train.Output, Does.Contain("done: 512 steps"));
        // Output to a writer, not a terminal: plain progress lines, the last one at the full step count.
        Assert.That(train.Output, Does.Contain("       512/512 steps").And.Contain(" steps/s "));
        Assert.That(train.Output, Does.Contain("eval @ 512: train ("));

        var resume = CliRunner.Run("train", "--resume", run, "--steps", "1024");
        Assert.That(resume.ExitCode, Is.EqualTo(0), resume.Error);
        Assert.That(resume.Output, Does.Contain("done: 1,024 steps"));
        Assert.That(RunReader.ReadMetrics(new RunLayout(run)).Column(RunColumns.Step)[^1], Is.EqualTo(1024));
        Assert.That(Directory.GetFiles(Path.Combine(run, "tb"), "events.out.tfevents.*"), Has.Length.EqualTo(2), "a resumed session writes a new event file");
    }

    [Test]
    public void TheSummarySaysWhichBackendTrainedAndTheConfigKeepsTheChoice()
    {
        var fused = CliRunner.Run("train", "--steps", "256", "--name", "fused", "--out", Root, "--quiet");
        Assert.That(fused.ExitCode, Is.EqualTo(0), fused.Error);
        Assert.That(fused.Output, Does.Contain("(fused backend)"), "auto takes the fused path for the hyper preset");
        var torch = CliRunner.Run("train", "--steps", "256", "--backend", "torch", "--name", "torch", "--out", Root, "--quiet");
        Assert.That(torch.ExitCode, Is.EqualTo(0), torch.Error);
        Assert.That(torch.Output, Does.Contain("(torch backend)"));
        Assert.That(File.ReadAllText(Path.Combine(Root, "torch", "config.json")), Does.Contain("\"backend\": \"torch\""));
    }

    [Test]
    public void BenchTrainPrintsEveryCaseWithItsRatios()
    {
        var bench = CliRunner.Run("bench", "train", "--steps", "512", "--policy", "mlp", "--randomize", "pole_length=0.4:0.6");
        Assert.That(bench.ExitCode, Is.EqualTo(0), bench.Error);
        var rows = bench.Output.Split('\n').Where(line => line.StartsWith("mlp ", StringComparison.Ordinal)).ToArray();
        Assert.That(rows.Select(row => string.Join(" ", row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3))),
            Is.EqualTo(new[] { "mlp shared fused", "mlp shared torch", "mlp per-episode fused", "mlp per-episode torch" }));
        // The torch rows are their own reference, and mlp is its own.
        Assert.That(rows[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[4..6], Is.EqualTo(new[] { "1.00", "1.00" }));
    }

    [Test]
    public void BenchTrainRunsTheDqnPresetOnBothBackends()
    {
        var bench = CliRunner.Run("bench", "train", "--algo", "dqn", "--steps", "1500", "--policy", "mlp");
        Assert.That(bench.ExitCode, Is.EqualTo(0), bench.Error);
        Assert.That(bench.Output, Does.Contain("(dqn, CartPole-v1, 1,500 steps"));
        var rows = bench.Output.Split('\n').Where(line => line.StartsWith("mlp ", StringComparison.Ordinal)).ToArray();
        Assert.That(rows.Select(row => string.Join(" ", row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3))),
            Is.EqualTo(new[] { "mlp shared fused", "mlp shared torch" }));
    }

    [Test]
    public void NoTensorboardWritesNoTbFolderAndSaysSoInTheConfig()
    {
        var train = CliRunner.Run("train", "--steps", "256", "--name", "quiet-tb", "--out", Root, "--quiet", "--no-tensorboard");
        Assert.That(train.ExitCode, Is.EqualTo(0), train.Error);
        string run = Path.Combine(Root, "quiet-tb");
        Assert.That(File.Exists(Path.Combine(run, "metrics.csv")), Is.True);
        Assert.That(Directory.Exists(Path.Combine(run, "tb")), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(run, "config.json")), Does.Contain("\"tensorboard\": false"));

        // The config key does the same, and a resume keeps the run's choice.
        string config = Path.Combine(Root, "off.json");
        File.WriteAllText(config, """{"tensorboard": false}""");
        var fromFile = CliRunner.Run("train", "--steps", "256", "--name", "file-tb", "--out", Root, "--quiet", "--config", config);
        Assert.That(fromFile.ExitCode, Is.EqualTo(0), fromFile.Error);
        var resume = CliRunner.Run("train", "--resume", Path.Combine(Root, "file-tb"), "--steps", "512", "--quiet");
        Assert.That(resume.ExitCode, Is.EqualTo(0), resume.Error);
        Assert.That(Directory.Exists(Path.Combine(Root, "file-tb", "tb")), Is.False);
    }

    [Test]
    public void DefaultRunNamesNeverOverwriteAnEarlierRunButExplicitNamesDo()
    {
        for (int k = 0; k < 2; k++)
            Assert.That(CliRunner.Run("train", "--steps", "256", "--out", Root, "--quiet").ExitCode, Is.EqualTo(0));
        Assert.That(Directory.Exists(Path.Combine(Root, "CartPole-v1-ppo-hyper-s1")), Is.True);
        Assert.That(Directory.Exists(Path.Combine(Root, "CartPole-v1-ppo-hyper-s1-2")), Is.True);

        var named = CliRunner.Run("train", "--steps", "256", "--out", Root, "--quiet", "--name", "CartPole-v1-ppo-hyper-s1");
        Assert.That(named.ExitCode, Is.Not.EqualTo(0));
        Assert.That(named.Error, Does.Contain("already holds a run"));
    }

    [Test]
    public void SeveralSeedsGiveOneRunDirectoryEach()
    {
        var result = CliRunner.Run("train", "--steps", "256", "--seeds", "1,2", "--name", "pair", "--out", Root, "--quiet");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(Directory.Exists(Path.Combine(Root, "pair-s1")), Is.True);
        Assert.That(Directory.Exists(Path.Combine(Root, "pair-s2")), Is.True);
    }

    [Test]
    public void RandomizationAndHeldOutPointsReachTheConfigAndEvaluation()
    {
        var result = CliRunner.Run("train", "--steps", "256", "--randomize", "pole_length=0.3:0.8", "--heldout", "pole_length=1.0",
            "--name", "rand", "--out", Root, "--quiet");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        var eval = RunReader.ReadEval(new RunLayout(Path.Combine(Root, "rand")), CartPoleDescriptor.Spec);
        Assert.That(eval.Single(e => e.Set == RunColumns.TrainSet).Descriptor, Is.Null, "randomized: no single descriptor");
        var heldOut = eval.Single(e => e.Set == "heldout0");
        Assert.That(heldOut.Descriptor![CartPoleDescriptor.PoleLength], Is.EqualTo(1.0));
        Assert.That(heldOut.Descriptor[CartPoleDescriptor.ForceMag], Is.EqualTo(10.0), "the other parameters keep their defaults");
    }
}
