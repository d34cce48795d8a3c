using HyperRL.Agents.OffPolicy;
using HyperRL.Envs.Util;

namespace HyperRL.Agents.Tests;

public sealed class PrioritizedSamplerTests
{
    [Test]
    public void StratifiedSamplingDrawsOnceFromEachEqualSegment()
    {
        // Equal priorities over as many slots as the batch: segment b is exactly slot b's range.
        var sampler = new PrioritizedSampler(8, alpha: 0.6, epsilon: 1e-6);
        for (int i = 0; i < 8; i++) sampler.OnAdded(i);
        var slots = new int[8];
        var weights = new float[8];
        var rng = new Rng(3);
        for (int repeat = 0; repeat < 20; repeat++)
        {
            sampler.Sample(rng, 8, slots, weights);
            Assert.That(slots, Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5, 6, 7 }));
            Assert.That(weights, Is.All.EqualTo(1f), "equal priorities weigh equally");
        }

        // Slot 0 holds half the total priority (3 of 6): the first two of four segments both land on it.
        var skewed = new PrioritizedSampler(4, alpha: 1, epsilon: 1e-6);
        for (int i = 0; i < 4; i++) skewed.OnAdded(i);
        skewed.Update([0, 1, 2, 3], [3, 1, 1, 1]);
        var four = new int[4];
        skewed.Sample(rng, 4, four, new float[4]);
        // Segments of 1.5 over the ranges [0, 3) [3, 4) [4, 5) [5, 6).
        Assert.That(four[0], Is.EqualTo(0));
        Assert.That(four[1], Is.EqualTo(0));
        Assert.That(four[2], Is.AnyOf(1, 2));
        Assert.That(four[3], Is.AnyOf(2, 3));
    }

    [Test]
    public void ImportanceWeightsMatchTheFormula()
    {
        var sampler = new PrioritizedSampler(4, alpha: 0.5, epsilon: 0.5) { Beta = 0.5 };
        for (int i = 0; i < 3; i++) sampler.OnAdded(i); // N = 3 stored, slot 3 empty
        sampler.Update([0, 1, 2], [3.5f, 0.5f, 8.5f]); // p = 4, 1, 9 -> p^alpha = 2, 1, 3
        Assert.That(sampler.Probability(0), Is.EqualTo(2.0 / 6).Within(1e-12));
        Assert.That(sampler.MaxPriority, Is.EqualTo(9));
        var slots = new int[64];
        var weights = new float[64];
        sampler.Sample(new Rng(1), 3, slots, weights);
        // w_i = (N P(i))^-beta / max_j w_j, the max belonging to P_min = 1/6.
        double maxWeight = Math.Pow(3 * (1.0 / 6), -0.5);
        double[] expected = [Math.Pow(3 * (2.0 / 6), -0.5) / maxWeight, 1, Math.Pow(3 * (3.0 / 6), -0.5) / maxWeight];
        var seen = new HashSet<int>();
        for (int b = 0; b < slots.Length; b++)
        {
            Assert.That(slots[b], Is.InRange(0, 2), "the empty slot is never drawn");
            Assert.That(weights[b], Is.EqualTo(expected[slots[b]]).Within(1e-6), $"slot {slots[b]}");
            seen.Add(slots[b]);
        }
        Assert.That(seen.Count, Is.EqualTo(3));
        Assert.That(expected[2], Is.EqualTo(Math.Sqrt(1.0 / 3)).Within(1e-12), "hand value: (1/3)^(1/2)");

        sampler.Beta = 0;
        sampler.Sample(new Rng(1), 3, slots, weights);
        Assert.That(weights, Is.All.EqualTo(1f), "beta 0 does not correct");
    }

    [Test]
    public void NewTransitionsGetTheLargestPrioritySeenAndPrioritiesFollowTdErrors()
    {
        var sampler = new PrioritizedSampler(4, alpha: 1, epsilon: 0.01);
        sampler.OnAdded(0);
        sampler.OnAdded(1);
        Assert.That(sampler.Probability(0), Is.EqualTo(0.5), "both start at priority 1");
        sampler.Update([0, 1], [4.99f, 0.99f]); // p = 5, 1
        Assert.That(sampler.Probability(0), Is.EqualTo(5.0 / 6).Within(1e-6));
        sampler.OnAdded(2);
        Assert.That(sampler.Probability(2), Is.EqualTo(5.0 / 11).Within(1e-6), "a new transition gets max p = 5");
        sampler.Update([0], [0]);
        Assert.That(sampler.MaxPriority, Is.EqualTo(5).Within(1e-6), "the max is the largest seen, not the current one");
        Assert.That(sampler.Probability(0), Is.EqualTo(0.01 / 6.01).Within(1e-6), "epsilon keeps a zero TD error drawable");
        Assert.Throws<ArgumentException>(() => sampler.Update([1], [float.NaN]));
    }

    [Test]
    public void PrioritizedBufferSamplesByPriorityAndCarriesWeightsAndDiscounts()
    {
        var buffer = new ReplayBuffer(4, new TransitionShape(1, 1, 1, true), new PrioritizedSampler(4, alpha: 1, epsilon: 1e-6));
        for (int t = 0; t < 4; t++) buffer.Add([t], [t + 1], [0], t % 2, [], t, false, 0.25f * (t + 1));
        var batch = buffer.CreateBatch(4);
        buffer.Sample(new Rng(5), batch);
        Assert.That(batch.Indices, Is.EqualTo(new[] { 0, 1, 2, 3 }), "equal max priorities: one per segment");
        Assert.That(batch.Discounts, Is.EqualTo(new[] { 0.25f, 0.5f, 0.75f, 1f }));
        batch.TdErrors.AsSpan().Fill(0);
        batch.TdErrors[2] = 10;
        buffer.UpdatePriorities(batch);
        var counts = new int[4];
        for (int k = 0; k < 200; k++)
        {
            buffer.Sample(new Rng((ulong)k), batch);
            foreach (int i in batch.Indices) counts[i]++;
        }
        Assert.That(counts[2], Is.EqualTo(800), "slot 2 holds all but 3e-6 of the total priority");
        // Beta starts at 1 unless set: w_2 = (N P_2)^-1 / (N P_min)^-1 = p_min / p_2.
        Assert.That(batch.Weights, Is.All.EqualTo(1e-6 / (10 + 1e-6)).Within(1e-12));

        var uniform = new ReplayBuffer(4, new TransitionShape(1, 1, 1, true));
        uniform.Add([1], [2], [0], 0, [], 1, false, 0.99f);
        var uniformBatch = uniform.CreateBatch(8);
        uniform.Sample(new Rng(1), uniformBatch);
        Assert.That(uniformBatch.Weights, Is.All.EqualTo(1f));
        Assert.That(uniformBatch.Discounts, Is.All.EqualTo(0.99f));
    }

    [Test]
    public void SaveAndLoadRestorePrioritiesMaxAndBeta()
    {
        var sampler = new PrioritizedSampler(5, alpha: 0.7, epsilon: 1e-3) { Beta = 0.55 };
        for (int i = 0; i < 4; i++) sampler.OnAdded(i);
        sampler.Update([0, 2], [2.5f, 0.1f]);
        var stream = new MemoryStream();
        sampler.Save(new BinaryWriter(stream));
        var restored = new PrioritizedSampler(5, alpha: 0.7, epsilon: 1e-3);
        stream.Position = 0;
        restored.Load(new BinaryReader(stream));
        Assert.That(restored.Beta, Is.EqualTo(0.55));
        Assert.That(restored.MaxPriority, Is.EqualTo(sampler.MaxPriority));
        var a = (Slots: new int[16], Weights: new float[16]);
        var b = (Slots: new int[16], Weights: new float[16]);
        sampler.Sample(new Rng(9), 4, a.Slots, a.Weights);
        restored.Sample(new Rng(9), 4, b.Slots, b.Weights);
        Assert.That(b.Slots, Is.EqualTo(a.Slots));
        Assert.That(b.Weights, Is.EqualTo(a.Weights));
        stream.Position = 0;
        Assert.Throws<InvalidDataException>(() => new PrioritizedSampler(5, alpha: 0.6, epsilon: 1e-3).Load(new BinaryReader(stream)));
    }
}
