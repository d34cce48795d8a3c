using HyperRL.Testing;
using HyperRL.Agents.Algorithms.Dqn;
using HyperRL.Agents.Config;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Tests.Algorithms;

/// <summary>Short DQN runs with distributional heads and noisy nets on CartPole: they run, log finite values, repeat
/// under a seed, and their saved policy loads and evaluates (a smoke test, not a benchmark).</summary>
public sealed class DistributionalDqnTrainingTests() : TempRootTest("hyperrl-dqn-distributional-")
{
    private static TrainConfig Config(string distributional, bool noisy)
    {
        var preset = Presets.Presets.For("CartPole-v1", "dqn");
        var dqn = (DqnConfig)preset.Algorithm with
        {
            Distributional = distributional, Quantiles = 21, Noisy = noisy, LearningStarts = 500, TrainFrequency = 64, GradientSteps = 8,
        };
        return preset with
        {
            TotalSteps = 3000, EvalEvery = 0, EvalEpisodes = 2, CheckpointEvery = 0, Algorithm = dqn,
            Policy = preset.Policy with { Hidden = [32, 32] },
        };
    }

    [TestCase("qr", true)]
    [TestCase("c51", false)]
    public void ShortRunLogsFiniteValuesAndItsPolicyEvaluates(string distributional, bool noisy)
    {
        var config = Config(distributional, noisy);
        var first = Path.Combine(Root, "a");
        Trainer.Train(config, first);
        var metrics = RunReader.ReadMetrics(new RunLayout(first));
        var loss = metrics.Column("td_loss").Where(v => !double.IsNaN(v)).ToArray();
        var q = metrics.Column("q_values").Where(v => !double.IsNaN(v)).ToArray();
        Assert.That(loss, Is.Not.Empty, "some gradient steps were logged");
        Assert.That(loss.Concat(q), Has.All.Matches<double>(double.IsFinite));
        if (noisy) Assert.That(metrics.Column("epsilon"), Has.All.EqualTo(0.0), "noisy nets explore without epsilon");

        using var run = TrainedRun.Load(first);
        var network = (QNetwork)run.Model;
        Assert.That(network.Options.Distribution, Is.Not.EqualTo(QDistributionKind.None));
        Assert.That(network.Options.Noisy, Is.EqualTo(noisy));
        var result = run.Evaluate(run.EnvOptions(), episodes: 2, seed: 0, "check");
        Assert.That(result.MeanReturn, Is.GreaterThan(0));

        if (!noisy) return;
        var second = Path.Combine(Root, "b");
        Trainer.Train(config, second);
        Assert.That(RunReader.ReadMetrics(new RunLayout(second)).Column("td_loss"), Is.EqualTo(metrics.Column("td_loss")),
            "the noise comes from the run's seeded generator");
    }
}
