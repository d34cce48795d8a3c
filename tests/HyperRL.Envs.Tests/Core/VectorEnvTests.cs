using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Util;
using HyperRL.Envs.Vector;

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
        Assert.That(vec.Terminations, Is.EqualTo(new[] { false, false }));
        vec.Step(new[] { 1, 0 });

        Assert.That(vec.Terminations[0], Is.True, "env 0 reached goal 3");
        Assert.That(vec.FinalObservations[0], Is.EqualTo(3f), "final observation of the finished episode");
        Assert.That(vec.Observations[0], Is.EqualTo(0f), "row 0 already holds the next episode's first observation");
        Assert.That(vec.FinalDescriptors[1], Is.EqualTo(descriptorBefore), "descriptor of the finished episode");
        Assert.That(vec.Descriptors[1], Is.Not.EqualTo(descriptorBefore), "re-sampled for the new episode");
        Assert.That(vec.CompletedEpisodes, Has.Count.EqualTo(1));
        var episode = vec.CompletedEpisodes[0];
        Assert.That(episode.EnvIndex, Is.EqualTo(0));
        Assert.That(episode.Length, Is.EqualTo(3));
        Assert.That(episode.Return, Is.EqualTo(3 * descriptorBefore).Within(1e-5));

        vec.Step(new[] { 1, 1 });
        Assert.That(vec.CompletedEpisodes, Is.Empty, "only episodes of the last step are listed");
    }

    [Test]
    public void ThreadedMatchesSyncStepForStep()
    {
        var options = new EnvOptions { Randomize = new ParameterDistribution { Train = new Dictionary<string, ParameterRange> { ["goal"] = new(1, 6) } } };
        using var sync = new SyncVectorEnv(MakeEnvs(7, options));
        using var threaded = new ThreadedVectorEnv(MakeEnvs(7, options), workers: 3);
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
            Assert.That(threaded.Observations, Is.EqualTo(sync.Observations));
            Assert.That(threaded.Rewards, Is.EqualTo(sync.Rewards));
            Assert.That(threaded.Terminations, Is.EqualTo(sync.Terminations));
            Assert.That(threaded.Descriptors, Is.EqualTo(sync.Descriptors));
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

    [Test]
    public void VecNormalizeNormalizesObservationsAndScalesRewardsAndRoundTrips()
    {
        var norm = new VecNormalize(numEnvs: 2, observationSize: 2, normalizeObservations: true, normalizeRewards: true);
        var rng = new Rng(9);
        var batch = new float[4];
        var all = new List<float>();
        for (int t = 0; t < 2000; t++)
        {
            for (int k = 0; k < 4; k++) batch[k] = k % 2 == 0 ? (float)(5 + 2 * rng.NextGaussian()) : (float)(-3 + 0.5 * rng.NextGaussian());
            norm.NormalizeObservations(batch, 2, update: true);
            if (t > 1000) all.AddRange(batch);
        }
        double mean0 = all.Where((_, i) => i % 2 == 0).Average();
        double var0 = all.Where((_, i) => i % 2 == 0).Select(v => (v - mean0) * (v - mean0)).Average();
        Assert.That(mean0, Is.EqualTo(0).Within(0.1));
        Assert.That(var0, Is.EqualTo(1).Within(0.1));

        var rewards = new[] { 100f, 100f };
        for (int t = 0; t < 100; t++)
        {
            rewards[0] = rewards[1] = 100f;
            norm.NormalizeRewards(rewards, new bool[2], new bool[2]);
        }
        Assert.That(rewards[0], Is.LessThan(10f), "rewards are scaled down by the return's std");

        var copy = new VecNormalize(2, 2, true, true);
        copy.Load(norm.Save());
        Assert.That(copy.ObservationStatistics!.Mean.ToArray(), Is.EqualTo(norm.ObservationStatistics!.Mean.ToArray()));
        Assert.Throws<ArgumentException>(() => new VecNormalize(2, 3, true, true).Load(norm.Save()));
    }
}
