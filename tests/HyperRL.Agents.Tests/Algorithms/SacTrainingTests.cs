using HyperRL.Testing;
using HyperRL.Agents.Config;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;
using HyperRL.Envs.ClassicControl;

namespace HyperRL.Agents.Tests.Algorithms;

/// <summary>A short SAC run on Pendulum with a fixed seed (small budget and network; the preset's runs are benchmarks).</summary>
public sealed class SacTrainingTests() : TempRootTest("hyperrl-sac-")
{
    [Test]
    public void SacWithAHypernetworkPolicyClearlyImprovesOnPendulum()
    {
        var preset = Presets.Presets.For("Pendulum-v1", "sac");
        var config = preset with
        {
            TotalSteps = 3000, EvalEvery = 0, EvalEpisodes = 5, CheckpointEvery = 0,
            Policy = preset.Policy with { Hidden = [64, 64] },
        };
        var result = Trainer.Train(config, Path.Combine(Root, "sac"));
        var episodes = RunReader.ReadEpisodes(new RunLayout(Path.Combine(Root, "sac")), PendulumDescriptor.Spec);
        double first = episodes.Take(3).Average(e => e.Return);
        Assert.That(first, Is.LessThan(-900), "random warm-up and an untrained actor swing badly");
        Assert.That(result.FinalEvaluation[0].MeanReturn, Is.GreaterThan(-400), $"after {result.Steps} steps (first episodes: {first:F0})");

        var metrics = RunReader.ReadMetrics(new RunLayout(Path.Combine(Root, "sac")));
        var alpha = metrics.Column("alpha").Where(double.IsFinite).ToArray();
        Assert.That(alpha[^1], Is.LessThan(alpha[0]), "the tuned entropy coefficient falls from its initial 1 as the policy narrows");
    }
}
