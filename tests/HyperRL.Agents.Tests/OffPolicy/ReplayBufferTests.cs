using HyperRL.Agents.OffPolicy;
using HyperRL.Agents.Schedules;
using HyperRL.Envs.Util;

namespace HyperRL.Agents.Tests;

public sealed class ReplayBufferTests
{
    [Test]
    public void WrapsAroundOverwritingTheOldestTransitions()
    {
        var buffer = new ReplayBuffer(5, new TransitionShape(1, 1, 1, true));
        for (int k = 0; k < 3; k++) AddPair(buffer, 2 * k);  // 6 transitions into 5 slots
        Assert.That(buffer.Count, Is.EqualTo(5));
        Assert.That(buffer.Position, Is.EqualTo(1));
        Assert.That(buffer.ObservationAt(0)[0], Is.EqualTo(5f), "transition 5 overwrote slot 0");
        Assert.That(buffer.RewardAt(1), Is.EqualTo(1f), "slot 1 still holds transition 1");
    }

    [Test]
    public void SamplesOnlyStoredTransitionsWithTheirOwnFields()
    {
        var buffer = new ReplayBuffer(100, new TransitionShape(1, 1, 1, true));
        for (int k = 0; k < 5; k++) AddPair(buffer, 2 * k);
        var batch = buffer.CreateBatch(64);
        var rng = new Rng(1);
        buffer.Sample(rng, batch);
        var seen = new HashSet<int>();
        for (int b = 0; b < batch.Size; b++)
        {
            float x = batch.Observations[b];
            Assert.That(batch.Indices[b], Is.LessThan(10));
            Assert.That(batch.NextObservations[b], Is.EqualTo(x + 0.5f), "s' belongs to the same transition");
            Assert.That(batch.Descriptors[b], Is.EqualTo(-x));
            Assert.That(batch.DiscreteActions[b], Is.EqualTo((long)x % 2));
            Assert.That(batch.Rewards[b], Is.EqualTo(x));
            Assert.That(batch.Terminated[b], Is.EqualTo(x % 3 == 0 ? 1f : 0f));
            seen.Add(batch.Indices[b]);
        }
        Assert.That(seen.Count, Is.GreaterThan(7), "uniform sampling reaches most slots");

        var again = buffer.CreateBatch(64);
        buffer.Sample(new Rng(1), again);
        Assert.That(again.Indices, Is.EqualTo(batch.Indices), "sampling is reproducible under a seed");
        Assert.Throws<InvalidOperationException>(() => new ReplayBuffer(4, new TransitionShape(1, 1, 1, true)).Sample(rng, batch));
    }

    [Test]
    public void EpsilonScheduleDecaysLinearlyThenHolds()
    {
        var schedule = new LinearSchedule(1.0, 0.05, 0.5);
        Assert.That(schedule.At(0), Is.EqualTo(1.0));
        Assert.That(schedule.At(0.25), Is.EqualTo(0.525).Within(1e-12));
        Assert.That(schedule.At(0.5), Is.EqualTo(0.05).Within(1e-12));
        Assert.That(schedule.At(0.9), Is.EqualTo(0.05).Within(1e-12));
    }

    /// <summary>Adds transitions x and x+1 (two envs): obs x, next x+0.5, descriptor -x, action x%2, reward x, terminal when x%3==0.</summary>
    private static void AddPair(ReplayBuffer buffer, int x)
    {
        float a = x, b = x + 1;
        buffer.AddBatch(2, new[] { a, b }, new[] { a + 0.5f, b + 0.5f }, new[] { -a, -b }, new[] { (long)x % 2, (long)(x + 1) % 2 },
            ReadOnlySpan<float>.Empty, new[] { a, b }, new[] { x % 3 == 0, (x + 1) % 3 == 0 }, discount: 0.99f);
    }
}
