using HyperRL.Agents.Algorithms.Ppo;

namespace HyperRL.Agents.Tests;

public sealed class GaeTests
{
    [Test]
    public void MatchesAHandComputedExampleWithATerminationCut()
    {
        // One env, three steps, the episode ends at t=1; gamma 0.9, lambda 0.8, bootstrap V(s_3) = 0.2.
        float[] rewards = { 1, 1, 1 };
        float[] values = { 0.5f, 0.4f, 0.3f };
        bool[] dones = { false, true, false };
        var advantages = new float[3];
        var returns = new float[3];
        Gae.Compute(rewards, values, dones, new[] { 0.2f }, 3, 1, 0.9, 0.8, advantages, returns);

        // t=2: delta = 1 + 0.9*0.2 - 0.3 = 0.88.  t=1: cut, delta = 1 - 0.4 = 0.6.
        // t=0: delta = 1 + 0.9*0.4 - 0.5 = 0.86, A = 0.86 + 0.9*0.8*0.6 = 1.292.
        Assert.That(advantages, Is.EqualTo(new[] { 1.292f, 0.6f, 0.88f }).Within(1e-5f));
        Assert.That(returns, Is.EqualTo(new[] { 1.792f, 1.0f, 1.18f }).Within(1e-5f));
    }

    [Test]
    public void TruncatedEpisodeIsBootstrappedThroughItsReward()
    {
        // Same rollout, but the end at t=1 is a time-limit truncation whose final observation has V = 2:
        // the trainer adds gamma * V(final) to that step's reward, so the advantage sees the lost future.
        float[] rewards = { 1, 1 + 0.9f * 2f, 1 };
        float[] values = { 0.5f, 0.4f, 0.3f };
        bool[] dones = { false, true, false };
        var advantages = new float[3];
        var returns = new float[3];
        Gae.Compute(rewards, values, dones, new[] { 0.2f }, 3, 1, 0.9, 0.8, advantages, returns);
        // t=1: delta = 2.8 - 0.4 = 2.4.  t=0: A = 0.86 + 0.72 * 2.4 = 2.588.
        Assert.That(advantages, Is.EqualTo(new[] { 2.588f, 2.4f, 0.88f }).Within(1e-5f));
    }

    [Test]
    public void EnvsAreIndependentColumns()
    {
        // Two envs interleaved row-major [t * N + i]; env 1 is env 0 shifted, so each column must match its own solo run.
        float[] rewards = { 1, 0, 1, 2, 1, 1 };
        float[] values = { 0.5f, 0.1f, 0.4f, 0.2f, 0.3f, 0.3f };
        bool[] dones = { false, false, true, false, false, true };
        var adv = new float[6];
        var ret = new float[6];
        Gae.Compute(rewards, values, dones, new[] { 0.2f, 0.7f }, 3, 2, 0.99, 0.95, adv, ret);

        var solo = new float[3];
        var soloRet = new float[3];
        Gae.Compute(new float[] { 0, 2, 1 }, new[] { 0.1f, 0.2f, 0.3f }, new[] { false, false, true }, new[] { 0.7f }, 3, 1, 0.99, 0.95, solo, soloRet);
        Assert.That(new[] { adv[1], adv[3], adv[5] }, Is.EqualTo(solo).Within(1e-6f));
        Assert.Throws<ArgumentException>(() => Gae.Compute(rewards, values, dones, new[] { 0.2f }, 3, 2, 0.99, 0.95, adv, ret));
    }
}
