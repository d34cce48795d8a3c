using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Util;
using HyperRL.Envs.Vector;
using HyperRL.Envs.Vector.Wrappers;

namespace HyperRL.Envs.Tests.Snapshots;

/// <summary>A vector env under the training wrappers, restored from a snapshot, gives the same arrays, episodes and
/// normalized values at every later step.</summary>
public sealed class VectorSnapshotTests
{
    private sealed record Pipeline(RecordEpisodeStatistics Episodes, NormalizeObservation Observations, NormalizeReward Rewards, VectorEnv Source);

    private static Pipeline Make(string id, int workers)
    {
        var options = new EnvOptions
        {
            Randomize = new ParameterDistribution { Train = new Dictionary<string, ParameterRange> { ["pole_length"] = new(0.3, 0.8) } },
        };
        var source = VectorEnvFactory.Make(id, numEnvs: 5, workers, options);
        var episodes = new RecordEpisodeStatistics(source);
        var observations = new NormalizeObservation(episodes);
        return new Pipeline(episodes, observations, new NormalizeReward(observations, gamma: 0.99), source);
    }

    [TestCase(1)]
    [TestCase(2)]
    public void RestoredWrappersAndEnvsContinueExactly(int workers)
    {
        var original = Make("CartPole-v1", workers);
        using var originalEnvs = original.Rewards;
        original.Rewards.Reset(seed: 3);
        var actions = new Rng(9);
        var chosen = new int[5];
        for (int t = 0; t < 61; t++) Step(original, actions, chosen);
        Assert.That(original.Source.SupportsStateSnapshot, Is.True);
        Assert.That(original.Rewards.SupportsStateSnapshot, Is.True);

        var restored = Make("CartPole-v1", workers);
        using var restoredEnvs = restored.Rewards;
        // The statistics travel on their own (trainer.json), as the trainer restores them.
        restored.Observations.Statistics.Load(original.Observations.Statistics.Save());
        restored.Rewards.Statistics.Load(original.Rewards.Statistics.Save());
        Snapshots.Load(restored.Rewards, Snapshots.Save(original.Rewards));
        AssertSame(original, restored, "right after the restore");

        var restoredActions = new Rng(0);
        restoredActions.SetState(actions.GetState());
        for (int t = 0; t < 300; t++)
        {
            Step(original, actions, chosen);
            Step(restored, restoredActions, chosen);
            AssertSame(original, restored, $"step {t}");
            Assert.That(restored.Episodes.CompletedEpisodes.Select(e => (e.EnvIndex, e.Return, e.Length)),
                Is.EqualTo(original.Episodes.CompletedEpisodes.Select(e => (e.EnvIndex, e.Return, e.Length))), $"episodes at step {t}");
        }
    }

    private static void Step(Pipeline pipeline, Rng actions, int[] chosen)
    {
        for (int i = 0; i < chosen.Length; i++) chosen[i] = actions.NextInt(2);
        pipeline.Rewards.Step(chosen);
    }

    private static void AssertSame(Pipeline a, Pipeline b, string when)
    {
        Assert.That(b.Rewards.Observations.ToArray(), Is.EqualTo(a.Rewards.Observations.ToArray()), $"normalized observations {when}");
        Assert.That(b.Rewards.Rewards.ToArray(), Is.EqualTo(a.Rewards.Rewards.ToArray()), $"scaled rewards {when}");
        Assert.That(b.Source.Observations.ToArray(), Is.EqualTo(a.Source.Observations.ToArray()), $"raw observations {when}");
        Assert.That(b.Source.Descriptors.ToArray(), Is.EqualTo(a.Source.Descriptors.ToArray()), $"descriptors {when}");
        Assert.That(b.Source.Terminations.ToArray(), Is.EqualTo(a.Source.Terminations.ToArray()), $"terminations {when}");
    }

    [Test]
    public void AStateOfAnotherEnvCountIsRefused()
    {
        using var three = VectorEnvFactory.Make("CartPole-v1", 3);
        three.Reset(1);
        using var four = VectorEnvFactory.Make("CartPole-v1", 4);
        Assert.Throws<InvalidDataException>(() => Snapshots.Load(four, Snapshots.Save(three)));
    }

    [Test]
    public void AVectorOfLunarLandersCannotSaveItsState()
    {
        using var landers = VectorEnvFactory.Make("LunarLander-v3", 2);
        Assert.That(new RecordEpisodeStatistics(landers).SupportsStateSnapshot, Is.False);
    }
}
