using HyperRL.Agents.Algorithms;
using HyperRL.Agents.Algorithms.Dqn;
using HyperRL.Agents.Config;
using HyperRL.Agents.Environments;
using HyperRL.Agents.OffPolicy;
using HyperRL.Agents.Training;
using HyperRL.Envs.Registry;
using static TorchSharp.torch;

namespace HyperRL.Agents.Tests.Environments;

public sealed class EnvPipelineTests
{
    private static TrainConfig NormalizedDqn => Presets.Presets.For("CartPole-v1", "dqn") with
    {
        NormalizeObservations = true, NormalizeRewards = true, NumEnvs = 2, TotalSteps = 400,
        Algorithm = new DqnConfig { LearningStarts = 10_000, BufferSize = 1000 },
    };

    [Test]
    public void OffPolicyReplayStoresRawObservationsAndRewardsAndNormalizesAtSampleTime()
    {
        var config = NormalizedDqn;
        ConfigValidation.Check(config);
        var options = EnvSetup.TrainingOptions(config);
        using var pipeline = EnvPipeline.ForTraining(config, options);
        pipeline.Envs.Reset(config.Seed);
        var shapes = EnvSetup.Shapes(EnvSetup.Probe(config));
        using var dqn = (Dqn)AlgorithmRegistry.Get("dqn").Create(new AlgorithmContext(config, pipeline, shapes, CPU));
        dqn.Learn(config.TotalSteps, new NullObserver(), CancellationToken.None);

        // Slot 0 holds env 0's first transition: its s is the raw reset observation of CartPole for the run's seed.
        var reference = EnvRegistry.Make("CartPole-v1");
        var first = reference.Reset(config.Seed).Observation;
        Assert.That(dqn.Replay.ObservationAt(0).ToArray(), Is.EqualTo(first), "raw, not normalized");
        Assert.That(dqn.Replay.RewardAt(0), Is.EqualTo(1f), "CartPole's raw reward");
        Assert.That(pipeline.Envs.Observations.ToArray(), Is.Not.EqualTo(pipeline.Raw.Observations.ToArray()), "the agent acts on normalized observations");

        var stored = dqn.Replay.ObservationAt(5).ToArray();
        var normalized = (float[])stored.Clone();
        pipeline.NormalizeObservations(normalized, 1);
        var statistics = pipeline.ObservationNormalizer!.Statistics;
        for (int k = 0; k < stored.Length; k++)
            Assert.That(normalized[k], Is.EqualTo((stored[k] - statistics.Mean[k]) / Math.Sqrt(statistics.Var[k] + 1e-8)).Within(1e-4),
                "a sample is normalized with the current statistics");
        var rewards = new[] { 1f };
        pipeline.NormalizeRewards(rewards);
        Assert.That(rewards[0], Is.EqualTo(1 / Math.Sqrt(pipeline.RewardNormalizer!.Statistics.Var[0] + 1e-8)).Within(1e-4));
    }

    [Test]
    public void EvaluationEnvsFreezeTheSavedStatistics()
    {
        var config = NormalizedDqn;
        var options = EnvSetup.TrainingOptions(config);
        NormalizationState saved;
        using (var training = EnvPipeline.ForTraining(config, options))
        {
            training.Envs.Reset(1);
            for (int t = 0; t < 50; t++) training.Envs.Step(new[] { t % 2, (t / 2) % 2 });
            saved = training.SaveNormalization()!;
        }
        using var evaluation = EnvPipeline.ForEvaluation(config, options, numEnvs: 3, saved);
        Assert.That(evaluation.RewardNormalizer, Is.Null, "returns are reported raw");
        evaluation.Envs.Reset(7);
        for (int t = 0; t < 20; t++) evaluation.Envs.Step(new[] { 0, 1, 0 });
        Assert.That(evaluation.SaveNormalization()!.Observations!.Mean, Is.EqualTo(saved.Observations!.Mean), "statistics frozen");
    }

    private sealed class NullObserver : ITrainingObserver
    {
        public void OnEpisode(long step, HyperRL.Envs.Vector.Wrappers.EpisodeRecord episode)
        {
        }

        public void OnUpdate(UpdateMetrics metrics)
        {
        }
    }
}
