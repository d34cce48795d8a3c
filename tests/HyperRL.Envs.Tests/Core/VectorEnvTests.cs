using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Util;
using HyperRL.Envs.Vector;
using HyperRL.Envs.Vector.Wrappers;

namespace HyperRL.Envs.Tests.Core;

public sealed class VectorEnvTests
{
    private static CountingEnv[] MakeEnvs(int n, EnvOptions? options = null) =>
        Enumerable.Range(0, n).Select(_ => new CountingEnv(options)).ToArray();

    [Test]
    public void AutoResetKeepsFinalObservationAndDescriptorOfTheFinishedEpisode()
    {
        var options = new EnvOptions { Randomize = new ParameterDistribution { Train = new Dictionary<string, ParameterRange> { ["scale"] = new(0.5, 2) } } };
        using var vec = new SyncVectorEnv(MakeEnvs(2, options));
        vec.Reset(seed: 10);
        float descriptorBefore = vec.Descriptors[0 * 2 + 1];
        for (int t = 0; t < 2; t++) vec.Step(new[] { 1, 0 });
        Assert.That(vec.Terminations.ToArray(), Is.EqualTo(new[] { false, false }));
        vec.Step(new[] { 1, 0 });

        Assert.That(vec.Terminations[0], Is.True, "env 0 reached goal 3");
        Assert.That(vec.FinalObservations[0], Is.EqualTo(3f), "final observation of the finished episode");
        Assert.That(vec.Observations[0], Is.EqualTo(0f), "row 0 already holds the next episode's first observation");
        Assert.That(vec.FinalDescriptors[1], Is.EqualTo(descriptorBefore), "descriptor of the finished episode");
        Assert.That(vec.Descriptors[1], Is.Not.EqualTo(descriptorBefore), "re-sampled for the new episode");
        Assert.That(vec.Rewards.ToArray(), Is.EqualTo(new[] { descriptorBefore, 0f }), "reward = action x scale");
    }

    [Test]
    public void ThreadedMatchesSyncStepForStep()
    {
        var options = new EnvOptions { Randomize = new ParameterDistribution { Train = new Dictionary<string, ParameterRange> { ["goal"] = new(1, 6) } } };
        using var sync = new RecordEpisodeStatistics(new SyncVectorEnv(MakeEnvs(7, options)));
        using var threaded = new RecordEpisodeStatistics(new ThreadedVectorEnv(MakeEnvs(7, options), workers: 3));
        sync.Reset(seed: 5);
        threaded.Reset(seed: 5);
        var rng = new Rng(3);
        var actions = new int[7];
        int episodes = 0;
        for (int t = 0; t < 200; t++)
        {
            for (int i = 0; i < 7; i++) actions[i] = rng.NextDouble() < 0.7 ? 1 : 0;
            sync.Step(actions);
            threaded.Step(actions);
            Assert.That(threaded.Observations.ToArray(), Is.EqualTo(sync.Observations.ToArray()));
            Assert.That(threaded.Rewards.ToArray(), Is.EqualTo(sync.Rewards.ToArray()));
            Assert.That(threaded.Terminations.ToArray(), Is.EqualTo(sync.Terminations.ToArray()));
            Assert.That(threaded.Descriptors.ToArray(), Is.EqualTo(sync.Descriptors.ToArray()));
            Assert.That(threaded.CompletedEpisodes.Select(e => (e.EnvIndex, e.Return, e.Length)),
                Is.EqualTo(sync.CompletedEpisodes.Select(e => (e.EnvIndex, e.Return, e.Length))));
            episodes += sync.CompletedEpisodes.Count;
        }
        Assert.That(episodes, Is.GreaterThan(50));
    }

    [Test]
    public void PerEnvSeedsDifferAndBadInputIsRejected()
    {
        using var vec = new ThreadedVectorEnv(MakeEnvs(4), workers: 2);
        Assert.Throws<InvalidOperationException>(() => vec.Step(new[] { 0, 0, 0, 0 }));
        vec.Reset(seed: 1);
        var starts = Enumerable.Range(0, 4).Select(i => vec.Observations[i * 2 + 1]).ToArray();
        Assert.That(starts.Distinct().Count(), Is.EqualTo(4));
        Assert.Throws<ArgumentException>(() => vec.Step(new[] { 0, 1 }));
        Assert.Throws<ArgumentException>(() => vec.Step(new[] { 0f, 1f, 0f, 1f }));
        Assert.Throws<ArgumentOutOfRangeException>(() => vec.Step(new[] { 0, 1, 5, 0 }), "a worker's exception reaches the caller");
    }
}
