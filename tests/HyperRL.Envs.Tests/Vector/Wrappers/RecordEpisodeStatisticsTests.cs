using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Tests.Core;
using HyperRL.Envs.Vector;
using HyperRL.Envs.Vector.Wrappers;
using TimeLimit = HyperRL.Envs.Wrappers.TimeLimit;

namespace HyperRL.Envs.Tests.Vector.Wrappers;

public sealed class RecordEpisodeStatisticsTests
{
    private static CountingEnv[] MakeEnvs(int n, EnvOptions? options = null) =>
        Enumerable.Range(0, n).Select(_ => new CountingEnv(options)).ToArray();

    [Test]
    public void ReportsReturnLengthAndDescriptorOfEachFinishedEpisodeInEnvOrder()
    {
        var options = new EnvOptions { Randomize = new ParameterDistribution { Train = new Dictionary<string, ParameterRange> { ["scale"] = new(0.5, 2) } } };
        using var vec = new RecordEpisodeStatistics(new SyncVectorEnv(MakeEnvs(3, options)));
        vec.Reset(seed: 10);
        float scale0 = vec.Descriptors[0 * 2 + 1];
        float scale2 = vec.Descriptors[2 * 2 + 1];
        // env 0 and env 2 walk right (goal 3, reward = scale per step); env 1 walks left and never finishes.
        vec.Step(new[] { 1, 0, 0 });
        vec.Step(new[] { 1, 0, 1 });
        Assert.That(vec.CompletedEpisodes, Is.Empty);
        vec.Step(new[] { 1, 0, 1 });
        Assert.That(vec.CompletedEpisodes, Has.Count.EqualTo(1));
        var first = vec.CompletedEpisodes[0];
        Assert.That(first.EnvIndex, Is.EqualTo(0));
        Assert.That(first.Length, Is.EqualTo(3));
        Assert.That(first.Return, Is.EqualTo(3.0 * scale0).Within(1e-5));
        Assert.That(first.Descriptor, Is.EqualTo(new[] { 3f, scale0 }), "the finished episode's descriptor, not the next one's");
        Assert.That(first.Truncated, Is.False, "reached the goal: terminated");
        Assert.That(vec.Descriptors[1], Is.Not.EqualTo(scale0), "env 0's next episode was re-sampled");

        vec.Step(new[] { 1, 0, 1 });
        Assert.That(vec.CompletedEpisodes, Is.Empty, "only episodes of the last step are listed");
        vec.Step(new[] { 1, 0, 1 });
        Assert.That(vec.CompletedEpisodes, Has.Count.EqualTo(1));
        var second = vec.CompletedEpisodes[0];
        Assert.That((second.EnvIndex, second.Length), Is.EqualTo((2, 5)), "env 2 walked left once: -1, 0, 1, 2, 3");
        Assert.That(second.Return, Is.EqualTo(4.0 * scale2).Within(1e-5), "the left step paid nothing");
        Assert.That(second.Descriptor, Is.EqualTo(new[] { 3f, scale2 }));

        vec.Reset(seed: 11);
        Assert.That(vec.CompletedEpisodes, Is.Empty, "cleared on Reset");
        vec.Step(new[] { 1, 1, 1 });
        vec.Step(new[] { 1, 1, 1 });
        vec.Step(new[] { 1, 1, 1 });
        Assert.That(vec.CompletedEpisodes.Select(e => (e.EnvIndex, e.Length)), Is.EqualTo(new[] { (0, 3), (1, 3), (2, 3) }),
            "Reset restarted every count: env 1's left steps before it do not add up");
    }

    [Test]
    public void FlagsTimeLimitTruncationButNotATerminationAtTheLimit()
    {
        // Goal 3 and a limit of 3 steps: walking right terminates exactly at the limit, walking left is cut off there.
        var envs = Enumerable.Range(0, 2).Select(_ => (Env)new TimeLimit(new CountingEnv(), 3)).ToArray();
        using var vec = new RecordEpisodeStatistics(new SyncVectorEnv(envs));
        vec.Reset(seed: 0);
        for (int t = 0; t < 3; t++) vec.Step(new[] { 1, 0 });
        Assert.That(vec.Truncations.ToArray(), Is.EqualTo(new[] { true, true }), "TimeLimit sets truncated even when terminated (as Gymnasium)");
        Assert.That(vec.Terminations.ToArray(), Is.EqualTo(new[] { true, false }));
        Assert.That(vec.CompletedEpisodes.Select(e => (e.EnvIndex, e.Return, e.Length, e.Truncated)),
            Is.EqualTo(new[] { (0, 3.0, 3, false), (1, 0.0, 3, true) }));
    }
}
