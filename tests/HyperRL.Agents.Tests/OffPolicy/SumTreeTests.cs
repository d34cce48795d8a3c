using HyperRL.Agents.OffPolicy;
using HyperRL.Envs.Util;

namespace HyperRL.Agents.Tests;

public sealed class SumTreeTests
{
    [Test]
    public void UpdatesKeepTheTotalAndMinimumOfTheLeaves()
    {
        var tree = new SumTree(5); // not a power of two: three padding leaves
        Assert.That(tree.Total, Is.EqualTo(0));
        Assert.That(tree.Min, Is.EqualTo(double.PositiveInfinity), "unset leaves are not the minimum");
        double[] values = [3, 1, 4, 1.5, 9];
        for (int i = 0; i < values.Length; i++) tree.Set(i, values[i]);
        Assert.That(tree.Total, Is.EqualTo(18.5));
        Assert.That(tree.Min, Is.EqualTo(1));
        tree.Set(1, 6);
        Assert.That(tree.Total, Is.EqualTo(23.5));
        Assert.That(tree.Min, Is.EqualTo(1.5));
        Assert.That(tree[1], Is.EqualTo(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.Set(5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.Set(0, -1));
    }

    [Test]
    public void PrefixSumsFindTheLeafWhoseRangeHoldsThem()
    {
        var tree = new SumTree(4);
        tree.Set(0, 1);
        tree.Set(1, 0); // zero priority: never found
        tree.Set(2, 2);
        tree.Set(3, 3);
        Assert.That(tree.FindPrefixSum(0), Is.EqualTo(0));
        Assert.That(tree.FindPrefixSum(0.999), Is.EqualTo(0));
        Assert.That(tree.FindPrefixSum(1), Is.EqualTo(2), "leaf 1 has an empty range");
        Assert.That(tree.FindPrefixSum(2.999), Is.EqualTo(2));
        Assert.That(tree.FindPrefixSum(3), Is.EqualTo(3));
        Assert.That(tree.FindPrefixSum(6), Is.EqualTo(3), "a prefix sum rounded up to the total stays on a positive leaf");

        var partial = new SumTree(6);
        partial.Set(0, 1);
        partial.Set(1, 1);
        Assert.That(partial.FindPrefixSum(2.0000001), Is.EqualTo(1), "never an unset leaf past the stored ones");
    }

    [Test]
    public void DrawsFollowTheLeavesProportionally()
    {
        double[] values = [1, 2, 3, 4, 0, 10];
        var tree = new SumTree(values.Length);
        for (int i = 0; i < values.Length; i++) tree.Set(i, values[i]);
        var rng = new Rng(7);
        const int draws = 200_000;
        var counts = new int[values.Length];
        for (int k = 0; k < draws; k++) counts[tree.FindPrefixSum(rng.NextDouble() * tree.Total)]++;
        Assert.That(counts[4], Is.EqualTo(0), "a zero leaf is never drawn");
        double chiSquare = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] == 0) continue;
            double expected = draws * values[i] / tree.Total;
            chiSquare += (counts[i] - expected) * (counts[i] - expected) / expected;
        }
        // 4 degrees of freedom: P(chi^2 > 18.5) < 0.001.
        Assert.That(chiSquare, Is.LessThan(18.5), string.Join(", ", counts));
    }

    [Test]
    public void SaveAndLoadRestoreSumsAndMinimum()
    {
        var tree = new SumTree(7);
        tree.Set(0, 0.25);
        tree.Set(3, 5);
        tree.Set(6, 0.125);
        var stream = new MemoryStream();
        tree.Save(new BinaryWriter(stream));
        var restored = new SumTree(7);
        restored.Set(1, 100); // overwritten by the load
        stream.Position = 0;
        restored.Load(new BinaryReader(stream));
        Assert.That(restored.Total, Is.EqualTo(tree.Total));
        Assert.That(restored.Min, Is.EqualTo(0.125));
        Assert.That(restored[1], Is.EqualTo(0));
        for (double u = 0; u < tree.Total; u += 0.1) Assert.That(restored.FindPrefixSum(u), Is.EqualTo(tree.FindPrefixSum(u)));
        stream.Position = 0;
        Assert.Throws<InvalidDataException>(() => new SumTree(8).Load(new BinaryReader(stream)));
    }
}
