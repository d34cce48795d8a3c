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
    public void BoxClipClampsFiniteValuesPerElementAndLeavesNonFiniteOnesForTheEnvToReject()
    {
        var box = new Box(new[] { -1f, 0f, -2f }, new[] { 1f, 5f, float.PositiveInfinity });
        var clipped = new float[3];
        box.Clip(new[] { 3f, -1f, 1e30f }, clipped);
        Assert.That(clipped, Is.EqualTo(new[] { 1f, 0f, 1e30f }), "each element against its own bounds; an unbounded side does not clip");
        box.Clip(new[] { float.NaN, float.PositiveInfinity, -3f }, clipped);
        Assert.That(float.IsNaN(clipped[0]), Is.True);
        Assert.That(clipped[1], Is.EqualTo(float.PositiveInfinity), "an infinity is not turned into the bound");
        Assert.That(clipped[2], Is.EqualTo(-2f));

        var inPlace = new[] { -5f, 2f, 0f };
        box.Clip(inPlace, inPlace);
        Assert.That(inPlace, Is.EqualTo(new[] { -1f, 2f, 0f }), "source and destination may be the same buffer");
        Assert.Throws<ArgumentException>(() => box.Clip(new[] { 0f, 0f }, clipped));
        Assert.Throws<ArgumentException>(() => box.Clip(new[] { 0f, 0f, 0f }, new float[2]));
    }

    [Test]
    public void BoxPrintsUnboundedSidesAsInfWhetherInfiniteOrTheLargestFloat()
    {
        var box = new Box(new[] { -4.8f, -float.MaxValue, float.NegativeInfinity }, new[] { 0.41887903f, float.MaxValue, float.PositiveInfinity });
        Assert.That(box.ToString(), Is.EqualTo("Box([-4.8, -inf, -inf], [0.4189, inf, inf])"));
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
