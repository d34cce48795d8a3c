using HyperRL.Testing;
using HyperRL.Agents.Algorithms.Dqn;
using HyperRL.Agents.Config;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;

namespace HyperRL.Agents.Tests.Algorithms;

/// <summary>Short DQN runs on CartPole with Rainbow's n-step returns and prioritized replay (they run; long runs are benchmarks).</summary>
public sealed class DqnReplayTrainingTests() : TempRootTest("hyperrl-dqn-replay-")
{
    private static TrainConfig Small(DqnConfig? replay = null)
    {
        var preset = Presets.Presets.For("CartPole-v1", "dqn");
        var d = (DqnConfig)preset.Algorithm;
        return preset with
        {
            TotalSteps = 5000, EvalEvery = 0, EvalEpisodes = 3, CheckpointEvery = 0, NumEnvs = 2,
            Algorithm = replay ?? d,
        };
    }

    [Test]
    public void NStepPrioritizedDqnTrainsWithFiniteLossesAndAnnealsBeta()
    {
        var preset = (DqnConfig)Small().Algorithm;
        var config = Small(preset with { NStep = 3, Prioritized = true, PriorityBeta = 0.4 });
        var result = Trainer.Train(config, Path.Combine(Root, "rainbow"));
        Assert.That(result.Steps, Is.EqualTo(5000));
        var metrics = RunReader.ReadMetrics(new RunLayout(Path.Combine(Root, "rainbow")));
        var steps = metrics.Column("step");
        var beta = metrics.Column("priority_beta");
        Assert.That(beta.Length, Is.EqualTo(5));
        for (int k = 0; k < beta.Length; k++)
            Assert.That(beta[k], Is.EqualTo(0.4 + 0.6 * steps[k] / 5000).Within(1e-9), $"beta rises linearly from 0.4 to 1 (step {steps[k]})");
        Assert.That(beta[^1], Is.EqualTo(1.0).Within(1e-9));
        var loss = metrics.Column("td_loss").Skip(1).ToArray(); // learning starts after 1000 steps
        var q = metrics.Column("q_values").Skip(1).ToArray();
        Assert.That(loss, Is.All.Matches<double>(double.IsFinite).And.All.GreaterThan(0));
        Assert.That(q, Is.All.Matches<double>(double.IsFinite));
        Assert.That(double.IsFinite(result.FinalEvaluation[0].MeanReturn));

        Trainer.Train(Small(), Path.Combine(Root, "uniform"));
        var uniform = RunReader.ReadMetrics(new RunLayout(Path.Combine(Root, "uniform")));
        Assert.That(uniform.Has("priority_beta"), Is.False, "beta is logged only when replay is prioritized");
        Assert.That(uniform.Column("td_loss").Skip(1), Is.Not.EqualTo(loss), "n-step prioritized replay changes training");
    }
}
