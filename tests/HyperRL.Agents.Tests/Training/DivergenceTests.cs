using HyperRL.Testing;
using HyperRL.Agents.Algorithms.Ppo;
using HyperRL.Agents.Config;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;

namespace HyperRL.Agents.Tests.Training;

/// <summary>A run whose losses or gradients stop being finite stops with a clear error and saves nothing of it.</summary>
public sealed class DivergenceTests() : TempRootTest("hyperrl-diverge-")
{
    [Test]
    public void ANonFiniteLossOrGradientStopsTrainingAndKeepsTheLastGoodCheckpoint()
    {
        string run = Path.Combine(Root, "r");
        // An absurd learning rate: the first update is finite (and checkpointed), then the weights overflow.
        var preset = Presets.Presets.For("CartPole-v1", "ppo");
        var config = preset with
        {
            TotalSteps = 8192, EvalEvery = 0, CheckpointEvery = 256,
            Algorithm = (PpoConfig)preset.Algorithm with { LearningRate = 1e4, AnnealLearningRate = false, UpdateEpochs = 1 },
        };
        var error = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(config, run));
        Assert.That(error!.Message, Does.StartWith("training diverged: ").And.Contain("nothing of it was saved"));
        Assert.That(File.Exists(Path.Combine(run, RunLayout.PolicyFileName)), Is.False, "no policy file from a diverged state");

        var trainer = Newtonsoft.Json.JsonConvert.DeserializeObject<TrainerState>(File.ReadAllText(new RunLayout(run).CheckpointTrainer))!;
        Assert.That(error.Message, Does.Contain($"the checkpoint of step {trainer.GlobalStep}"));
        Assert.That(RunReader.ReadMetrics(new RunLayout(run)).Columns, Does.Contain("policy_loss"));
        foreach (string column in new[] { "policy_loss", "value_loss" })
            Assert.That(RunReader.ReadMetrics(new RunLayout(run)).Column(column).All(double.IsFinite), Is.True, $"only finite {column} rows were logged");
    }
}
