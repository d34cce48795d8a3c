using HyperRL.Agents.OffPolicy;

namespace HyperRL.Agents.Tests;

public sealed class NStepWindowsTests
{
    private const double Gamma = 0.5; // powers of 1/2 keep every hand-computed return exact in floats

    [Test]
    public void FullWindowsSumNDiscountedRewardsAndATerminationFlushesTheRestWithoutBootstrap()
    {
        var replay = new ReplayBuffer(16, new TransitionShape(1, 1, 1, true));
        var windows = new NStepWindows(3, Gamma, 1, new TransitionShape(1, 1, 1, true));
        // Step t: obs t, action t, reward 2^t, s' = t + 1; the episode terminates at t = 3 with final observation 40.
        for (int t = 0; t < 3; t++) Step(windows, replay, t, next: t + 1, reward: 1 << t);
        Assert.That(replay.Count, Is.EqualTo(1), "the first transition leaves once its window holds n = 3 steps");
        AssertTransition(replay, 0, obs: 0, next: 3, reward: 1 + 0.5f * 2 + 0.25f * 4, discount: 0.125f, terminated: false);
        Assert.That(windows.Pending(0), Is.EqualTo(2));

        Step(windows, replay, 3, next: 40, reward: 8, terminated: true);
        Assert.That(replay.Count, Is.EqualTo(4), "t = 1, 2, 3 all leave when the episode ends");
        AssertTransition(replay, 1, obs: 1, next: 40, reward: 2 + 0.5f * 4 + 0.25f * 8, discount: 0.125f, terminated: true);
        AssertTransition(replay, 2, obs: 2, next: 40, reward: 4 + 0.5f * 8, discount: 0.25f, terminated: true);
        AssertTransition(replay, 3, obs: 3, next: 40, reward: 8, discount: 0.5f, terminated: true);
        Assert.That(replay.DiscreteActionAt(2), Is.EqualTo(2L), "each transition keeps its own first action");
        Assert.That(windows.Pending(0), Is.EqualTo(0));

        // The next episode's window starts empty: its first step does not reach back into the finished episode.
        Step(windows, replay, 100, next: 101, reward: 1);
        Assert.That(replay.Count, Is.EqualTo(4));
        Assert.That(windows.Pending(0), Is.EqualTo(1));
    }

    [Test]
    public void ATruncationInsideTheWindowBootstrapsFromTheTrueFinalObservation()
    {
        var replay = new ReplayBuffer(16, new TransitionShape(1, 1, 1, true));
        var windows = new NStepWindows(4, Gamma, 1, new TransitionShape(1, 1, 1, true));
        Step(windows, replay, 0, next: 1, reward: 2);
        Step(windows, replay, 1, next: 77, reward: 4, truncated: true);
        Assert.That(replay.Count, Is.EqualTo(2), "m = 2 < n = 4: the truncation stops both windows early");
        AssertTransition(replay, 0, obs: 0, next: 77, reward: 2 + 0.5f * 4, discount: 0.25f, terminated: false);
        AssertTransition(replay, 1, obs: 1, next: 77, reward: 4, discount: 0.5f, terminated: false);
    }

    [Test]
    public void TwoEnvsKeepSeparateWindowsAcrossTheOtherEnvsEpisodeBoundary()
    {
        var replay = new ReplayBuffer(16, new TransitionShape(1, 1, 1, true));
        var windows = new NStepWindows(2, Gamma, 2, new TransitionShape(1, 1, 1, true));
        // Env 0 observes 0, 1, 2, ...; env 1 observes 10, 11, ... and terminates at its second step, then restarts at 50.
        StepBoth(windows, replay, obs: [0, 10], next: [1, 11], rewards: [1, 10], terminated: [false, false]);
        Assert.That(replay.Count, Is.EqualTo(0));
        StepBoth(windows, replay, obs: [1, 11], next: [2, 99], rewards: [2, 20], terminated: [false, true]);
        // Env 0's full window leaves first, then env 1's two flushed transitions.
        AssertTransition(replay, 0, obs: 0, next: 2, reward: 1 + 0.5f * 2, discount: 0.25f, terminated: false);
        AssertTransition(replay, 1, obs: 10, next: 99, reward: 10 + 0.5f * 20, discount: 0.25f, terminated: true);
        AssertTransition(replay, 2, obs: 11, next: 99, reward: 20, discount: 0.5f, terminated: true);
        StepBoth(windows, replay, obs: [2, 50], next: [3, 51], rewards: [4, 40], terminated: [false, false]);
        Assert.That(replay.Count, Is.EqualTo(4), "env 1's new episode holds one step, env 0's window is full again");
        AssertTransition(replay, 3, obs: 1, next: 3, reward: 2 + 0.5f * 4, discount: 0.25f, terminated: false);
        StepBoth(windows, replay, obs: [3, 51], next: [4, 52], rewards: [8, 80], terminated: [false, false]);
        AssertTransition(replay, 5, obs: 50, next: 52, reward: 40 + 0.5f * 80, discount: 0.25f, terminated: false);
        Assert.That(replay.DescriptorAt(5)[0], Is.EqualTo(-50f), "the descriptor is that of the window's first step");
    }

    [Test]
    public void OneStepWindowsStoreExactlyWhatTheOneStepPathStores()
    {
        var direct = new ReplayBuffer(8, new TransitionShape(1, 1, 1, true));
        var viaWindows = new ReplayBuffer(8, new TransitionShape(1, 1, 1, true));
        var windows = new NStepWindows(1, 0.99, 2, new TransitionShape(1, 1, 1, true));
        for (int t = 0; t < 3; t++)
        {
            float[] obs = [t, 10 + t], next = [t + 1, 11 + t], rewards = [0.3f * t, -t], desc = [-t, -10 - t];
            bool[] terminated = [t == 1, false], truncated = [false, t == 2];
            long[] actions = [t % 2, 1];
            direct.AddBatch(2, obs, next, desc, actions, ReadOnlySpan<float>.Empty, rewards, terminated, (float)0.99);
            windows.Add(obs, next, desc, actions, ReadOnlySpan<float>.Empty, rewards, terminated, truncated, viaWindows);
        }
        for (int slot = 0; slot < 6; slot++)
        {
            Assert.That(viaWindows.ObservationAt(slot)[0], Is.EqualTo(direct.ObservationAt(slot)[0]));
            Assert.That(viaWindows.NextObservationAt(slot)[0], Is.EqualTo(direct.NextObservationAt(slot)[0]));
            Assert.That(viaWindows.RewardAt(slot), Is.EqualTo(direct.RewardAt(slot)));
            Assert.That(viaWindows.TerminatedAt(slot), Is.EqualTo(direct.TerminatedAt(slot)));
            Assert.That(viaWindows.DiscountAt(slot), Is.EqualTo(direct.DiscountAt(slot)));
            Assert.That(viaWindows.DiscreteActionAt(slot), Is.EqualTo(direct.DiscreteActionAt(slot)));
        }
    }

    [Test]
    public void SaveAndLoadContinueThePendingWindowsExactly()
    {
        var original = new NStepWindows(3, 0.9, 2, new TransitionShape(2, 1, 2, false));
        var replayA = new ReplayBuffer(32, new TransitionShape(2, 1, 2, false));
        var replayB = new ReplayBuffer(32, new TransitionShape(2, 1, 2, false));
        StepContinuous(original, replayA, 0);
        StepContinuous(original, replayA, 1); // env 1 terminates here; env 0 holds 2 pending steps
        var stream = new MemoryStream();
        original.Save(new BinaryWriter(stream));
        var restored = new NStepWindows(3, 0.9, 2, new TransitionShape(2, 1, 2, false));
        stream.Position = 0;
        restored.Load(new BinaryReader(stream));
        Assert.That(restored.Pending(0), Is.EqualTo(2));
        Assert.That(restored.Pending(1), Is.EqualTo(0));

        for (int t = 2; t < 6; t++)
        {
            StepContinuous(original, replayA, t);
            StepContinuous(restored, replayB, t);
        }
        int before = replayA.Count - replayB.Count;
        Assert.That(replayB.Count, Is.GreaterThan(2));
        for (int k = 0; k < replayB.Count; k++)
        {
            int a = before + k;
            Assert.That(replayB.ObservationAt(k).ToArray(), Is.EqualTo(replayA.ObservationAt(a).ToArray()), $"transition {k}");
            Assert.That(replayB.NextObservationAt(k).ToArray(), Is.EqualTo(replayA.NextObservationAt(a).ToArray()));
            Assert.That(replayB.RewardAt(k), Is.EqualTo(replayA.RewardAt(a)));
            Assert.That(replayB.DiscountAt(k), Is.EqualTo(replayA.DiscountAt(a)));
            Assert.That(replayB.ContinuousActionAt(k).ToArray(), Is.EqualTo(replayA.ContinuousActionAt(a).ToArray()));
        }

        var mismatched = new NStepWindows(4, 0.9, 2, new TransitionShape(2, 1, 2, false));
        stream.Position = 0;
        Assert.Throws<InvalidDataException>(() => mismatched.Load(new BinaryReader(stream)));
    }

    private static void Step(NStepWindows windows, ReplayBuffer replay, float obs, float next, float reward, bool terminated = false, bool truncated = false) =>
        windows.Add([obs], [next], [-obs], [(long)obs], ReadOnlySpan<float>.Empty, [reward], [terminated], [truncated], replay);

    private static void StepBoth(NStepWindows windows, ReplayBuffer replay, float[] obs, float[] next, float[] rewards, bool[] terminated) =>
        windows.Add(obs, next, [-obs[0], -obs[1]], [0, 1], ReadOnlySpan<float>.Empty, rewards, terminated, [false, false], replay);

    // Two envs with 2-float observations and actions; env 1 terminates at t = 1.
    private static void StepContinuous(NStepWindows windows, ReplayBuffer replay, int t) =>
        windows.Add([t, t + 0.5f, 10 + t, 10.5f + t], [t + 1, t + 1.5f, 11 + t, 11.5f + t], [1, 2], [], [0.1f * t, -0.1f * t, 1, -1],
            [t, 2 * t], [false, t == 1], [false, false], replay);

    private static void AssertTransition(ReplayBuffer replay, int slot, float obs, float next, float reward, float discount, bool terminated)
    {
        Assert.That(replay.ObservationAt(slot)[0], Is.EqualTo(obs), $"slot {slot}: s");
        Assert.That(replay.NextObservationAt(slot)[0], Is.EqualTo(next), $"slot {slot}: s'");
        Assert.That(replay.RewardAt(slot), Is.EqualTo(reward), $"slot {slot}: R");
        Assert.That(replay.DiscountAt(slot), Is.EqualTo(discount), $"slot {slot}: gamma^m");
        Assert.That(replay.TerminatedAt(slot), Is.EqualTo(terminated), $"slot {slot}: terminated");
    }
}
