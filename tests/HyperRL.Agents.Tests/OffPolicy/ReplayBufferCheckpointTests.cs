using HyperRL.Agents.OffPolicy;
using HyperRL.Envs.Util;

namespace HyperRL.Agents.Tests;

/// <summary>The replay buffer's checkpoint form: only the filled rows, read back so sampling continues identically.</summary>
public sealed class ReplayBufferCheckpointTests
{
    private static ReplayBuffer Filled(int capacity, int transitions, bool discrete)
    {
        var buffer = new ReplayBuffer(capacity, new TransitionShape(3, 2, discrete ? 1 : 2, discrete));
        for (int t = 0; t < transitions; t++) Add(buffer, t);
        return buffer;
    }

    private static void Add(ReplayBuffer buffer, int t)
    {
        float x = t;
        bool discrete = buffer.IsDiscrete;
        buffer.AddBatch(1, new[] { x, x + 0.1f, x + 0.2f }, new[] { x + 1, x + 1.1f, x + 1.2f }, new[] { -x, 2 * x },
            discrete ? new[] { (long)t % 3 } : ReadOnlySpan<long>.Empty, discrete ? ReadOnlySpan<float>.Empty : new[] { x / 7, -x / 7 },
            new[] { x * 0.5f }, new[] { t % 4 == 0 }, discount: 0.9f + t % 3 * 0.01f);
    }

    private static byte[] Save(ReplayBuffer buffer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) buffer.Save(writer);
        return stream.ToArray();
    }

    private static void Load(ReplayBuffer buffer, byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        buffer.Load(reader);
        Assert.That(reader.BaseStream.Position, Is.EqualTo(bytes.Length));
    }

    private static void AssertSamplesEqual(ReplayBuffer a, ReplayBuffer b, int draws = 20)
    {
        var rngA = new Rng(5);
        var rngB = new Rng(5);
        var batchA = a.CreateBatch(16);
        var batchB = b.CreateBatch(16);
        for (int k = 0; k < draws; k++)
        {
            a.Sample(rngA, batchA);
            b.Sample(rngB, batchB);
            Assert.That(batchB.Observations, Is.EqualTo(batchA.Observations));
            Assert.That(batchB.NextObservations, Is.EqualTo(batchA.NextObservations));
            Assert.That(batchB.Descriptors, Is.EqualTo(batchA.Descriptors));
            Assert.That(batchB.DiscreteActions, Is.EqualTo(batchA.DiscreteActions));
            Assert.That(batchB.ContinuousActions, Is.EqualTo(batchA.ContinuousActions));
            Assert.That(batchB.Rewards, Is.EqualTo(batchA.Rewards));
            Assert.That(batchB.Terminated, Is.EqualTo(batchA.Terminated));
            Assert.That(batchB.Discounts, Is.EqualTo(batchA.Discounts));
            Assert.That(batchB.Weights, Is.EqualTo(batchA.Weights));
        }
    }

    [TestCase(true, 7)]
    [TestCase(true, 23)]
    [TestCase(false, 23)]
    public void ARestoredBufferSamplesAndFillsOnAsTheOriginal(bool discrete, int transitions)
    {
        var original = Filled(capacity: 10, transitions, discrete);
        var restored = new ReplayBuffer(10, new TransitionShape(3, 2, discrete ? 1 : 2, discrete));
        Load(restored, Save(original));
        Assert.That((restored.Count, restored.Position), Is.EqualTo((original.Count, original.Position)));
        AssertSamplesEqual(original, restored);
        for (int t = transitions; t < transitions + 6; t++)
        {
            Add(original, t);
            Add(restored, t);
        }
        AssertSamplesEqual(original, restored);
    }

    [Test]
    public void OnlyTheFilledRowsAreWritten()
    {
        int empty = Save(Filled(capacity: 1000, 0, discrete: true)).Length;
        int perRow = (Save(Filled(capacity: 1000, 10, discrete: true)).Length - empty) / 10;
        Assert.That(perRow, Is.EqualTo(4 * (2 * 3 + 2 + 3) + 8), "s, s', descriptor, reward, terminated, discount as floats and an int64 action");
        Assert.That(Save(Filled(capacity: 1000, 10, discrete: true)).Length, Is.EqualTo(Save(Filled(capacity: 10, 10, discrete: true)).Length),
            "capacity costs nothing");
    }

    [Test]
    public void ALargerCapacityKeepsTheTransitionsOldestFirst()
    {
        // A resume that raised the budget raises the capacity (min(bufferSize, steps)): a run with that capacity from
        // the start would hold the same rows in the same slots.
        var small = Filled(capacity: 10, 10, discrete: true);
        var large = new ReplayBuffer(25, new TransitionShape(3, 2, 1, true));
        Load(large, Save(small));
        var reference = Filled(capacity: 25, 10, discrete: true);
        Assert.That((large.Count, large.Position), Is.EqualTo((10, 10)));
        AssertSamplesEqual(reference, large);
    }

    [Test]
    public void ASmallerCapacityKeepsTheNewestTransitions()
    {
        var wrapped = Filled(capacity: 10, 23, discrete: true);
        var small = new ReplayBuffer(4, new TransitionShape(3, 2, 1, true));
        Load(small, Save(wrapped));
        Assert.That(small.Count, Is.EqualTo(4));
        Assert.That(Enumerable.Range(0, 4).Select(k => small.ObservationAt(k)[0]), Is.EqualTo(new[] { 19f, 20f, 21f, 22f }));
    }

    [Test]
    public void APrioritizedBufferRestoresItsPrioritiesAndSamplesAsTheOriginal()
    {
        static ReplayBuffer Prioritized() => new(10, new TransitionShape(3, 2, 1, true), new PrioritizedSampler(10, alpha: 0.6, epsilon: 1e-6));
        var original = Prioritized();
        for (int t = 0; t < 13; t++) Add(original, t);
        var batch = original.CreateBatch(4);
        original.Sample(new Rng(2), batch);
        for (int b = 0; b < batch.Size; b++) batch.TdErrors[b] = 0.5f + b;
        original.UpdatePriorities(batch);
        var restored = Prioritized();
        Load(restored, Save(original));
        Assert.That(Enumerable.Range(0, 10).Select(restored.Priorities!.Probability), Is.EqualTo(Enumerable.Range(0, 10).Select(original.Priorities!.Probability)));
        AssertSamplesEqual(original, restored);
        Assert.Throws<InvalidDataException>(() => Load(new ReplayBuffer(10, new TransitionShape(3, 2, 1, true)), Save(original)), "a uniform buffer cannot take prioritized state");
    }

    [Test]
    public void RowsOfAnotherShapeAreRefused()
    {
        var bytes = Save(Filled(capacity: 10, 5, discrete: true));
        var other = new ReplayBuffer(10, new TransitionShape(4, 2, 1, true));
        Assert.Throws<InvalidDataException>(() => Load(other, bytes));
    }
}
