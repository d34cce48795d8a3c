using HyperRL.Envs.Spaces;
using HyperRL.Envs.Util;

namespace HyperRL.Envs.Tests.Core;

public sealed class SpaceTests
{
    [Test]
    public void DiscreteContainsAndSamples()
    {
        var space = new Discrete(3);
        var rng = new Rng(1);
        var counts = new int[3];
        for (int i = 0; i < 3000; i++) counts[space.Sample(rng)]++;
        Assert.That(counts, Has.All.InRange(850, 1150));
        Assert.That(space.Contains(2), Is.True);
        Assert.That(space.Contains(3), Is.False);
        Assert.That(space.Contains(-1), Is.False);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Discrete(0));
    }

    [Test]
    public void BoxContainsAndSamplesWithinBounds()
    {
        var box = new Box(new[] { -1f, 0f }, new[] { 1f, 5f });
        var rng = new Rng(2);
        for (int i = 0; i < 1000; i++) Assert.That(box.Contains(box.Sample(rng)), Is.True);
        Assert.That(box.Contains(new[] { 0f, 6f }), Is.False);
        Assert.That(box.Contains(new[] { 0f }), Is.False);
        Assert.That(box.Contains(new[] { float.NaN, 1f }), Is.False);
        Assert.Throws<ArgumentException>(() => _ = new Box(new[] { 1f }, new[] { 0f }));
        Assert.That(new Box(new[] { -1f, 0f }, new[] { 1f, 5f }), Is.EqualTo(box));
    }

    [Test]
    public void RngIsReproducibleAndUniform()
    {
        var a = new Rng(42);
        var b = new Rng(42);
        double sum = 0;
        for (int i = 0; i < 10000; i++)
        {
            double x = a.NextDouble();
            Assert.That(b.NextDouble(), Is.EqualTo(x));
            sum += x;
        }
        Assert.That(sum / 10000, Is.EqualTo(0.5).Within(0.02));
    }
}
