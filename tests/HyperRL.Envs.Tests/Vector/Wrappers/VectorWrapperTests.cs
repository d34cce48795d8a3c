using HyperRL.Envs.Core;
using HyperRL.Envs.Tests.Core;
using HyperRL.Envs.Vector;
using HyperRL.Envs.Vector.Wrappers;

namespace HyperRL.Envs.Tests.Vector.Wrappers;

public sealed class VectorWrapperTests
{
    private static SyncVectorEnv CountingEnvs(int n) => new(Enumerable.Range(0, n).Select(_ => new CountingEnv()).ToArray());

    [Test]
    public void AWrapperThatOverridesNothingForwardsEveryMember()
    {
        using var inner = CountingEnvs(3);
        var wrapper = new PassThrough(inner);
        Assert.That(wrapper.EnvId, Is.EqualTo("Counting-v0"));
        Assert.That((wrapper.NumEnvs, wrapper.ObservationSize, wrapper.ActionSize, wrapper.DescriptorSize, wrapper.IsDiscrete),
            Is.EqualTo((3, 2, 1, 2, true)));
        Assert.That(wrapper.SingleObservationSpace, Is.SameAs(inner.SingleObservationSpace));
        Assert.That(wrapper.SingleActionSpace, Is.SameAs(inner.SingleActionSpace));
        Assert.That(wrapper.DescriptorSpec, Is.SameAs(CountingEnv.Spec));

        wrapper.Reset(seed: 1);
        Assert.That(inner.Observations[1], Is.Not.Zero, "Reset reached the inner env");
        for (int t = 0; t < 3; t++) wrapper.Step(new[] { 1, 0, 1 });
        Assert.That(inner.Terminations.ToArray(), Is.EqualTo(new[] { true, false, true }), "Step reached the inner env");
        Assert.That(wrapper.Observations.SequenceEqual(inner.Observations), Is.True);
        Assert.That(wrapper.Descriptors.SequenceEqual(inner.Descriptors), Is.True);
        Assert.That(wrapper.Rewards.SequenceEqual(inner.Rewards), Is.True);
        Assert.That(wrapper.Terminations.SequenceEqual(inner.Terminations), Is.True);
        Assert.That(wrapper.Truncations.SequenceEqual(inner.Truncations), Is.True);
        Assert.That(wrapper.FinalObservations.SequenceEqual(inner.FinalObservations), Is.True);
        Assert.That(wrapper.FinalDescriptors.SequenceEqual(inner.FinalDescriptors), Is.True);
        Assert.Throws<ArgumentException>(() => wrapper.Step(new[] { 0f, 0f, 0f }), "float actions reach the inner env, which rejects them");
    }

    [Test]
    public void DisposingTheOutermostWrapperDisposesTheWholeChain()
    {
        var innermost = new PassThrough(CountingEnvs(2));
        var outer = new NormalizeReward(new NormalizeObservation(innermost), gamma: 0.9);
        Assert.That(innermost.Disposed, Is.False);
        outer.Dispose();
        Assert.That(innermost.Disposed, Is.True);
    }

    [Test]
    public void RecordingOnRawRewardsThenNormalizingLeavesEpisodeReturnsRaw()
    {
        var statistics = new RecordEpisodeStatistics(CountingEnvs(2));
        var observations = new NormalizeObservation(statistics);
        using var env = new NormalizeReward(observations, gamma: 0.99);
        env.Reset(seed: 2);
        for (int t = 0; t < 3; t++) env.Step(new[] { 1, 1 });

        Assert.That(statistics.CompletedEpisodes.Select(e => (e.EnvIndex, e.Return, e.Length)), Is.EqualTo(new[] { (0, 3.0, 3), (1, 3.0, 3) }),
            "three steps of raw reward 1");
        Assert.That(env.Rewards[0], Is.Not.EqualTo(1f), "the rewards the agent sees are normalized");
        Assert.That(env.Observations.SequenceEqual(observations.Observations), Is.True, "observations pass through NormalizeReward");
        Assert.That(env.Observations.SequenceEqual(statistics.Observations), Is.False, "and are normalized below it");
        Assert.That(env.FinalObservations[0], Is.Not.EqualTo(3f), "final observations are normalized too");
        Assert.That(statistics.FinalObservations[0], Is.EqualTo(3f), "raw below the normalization");
    }

    private sealed class PassThrough(IVectorEnv inner) : VectorWrapper(inner)
    {
        public bool Disposed { get; private set; }

        public override void Dispose()
        {
            Disposed = true;
            base.Dispose();
        }
    }
}
