using HyperRL.Envs.Util;

namespace HyperRL.Envs.Tests.Snapshots;

public sealed class RngStateTests
{
    [Test]
    public void ARestoredGeneratorContinuesTheSameStreamGaussianSpareIncluded()
    {
        var original = new Rng(42);
        for (int i = 0; i < 17; i++) original.NextULong();
        original.NextGaussian(); // leaves a spare
        var state = original.GetState();
        Assert.That(state.HasSpareGaussian, Is.True);

        var restored = new Rng(7);
        restored.SetState(state);
        for (int i = 0; i < 100; i++)
        {
            Assert.That(restored.NextGaussian(), Is.EqualTo(original.NextGaussian()));
            Assert.That(restored.NextULong(), Is.EqualTo(original.NextULong()));
            Assert.That(restored.NextInt(13), Is.EqualTo(original.NextInt(13)));
        }
    }

    [Test]
    public void SaveAndLoadThroughABinaryStreamRoundTrip()
    {
        var original = new Rng(3);
        original.NextGaussian();
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) original.Save(writer);
        Assert.That(stream.Length, Is.EqualTo(4 * 8 + 1 + 8), "four words, the spare flag and the spare");
        stream.Position = 0;
        var restored = new Rng(0);
        restored.Load(new BinaryReader(stream));
        Assert.That(restored.GetState(), Is.EqualTo(original.GetState()));
        Assert.That(restored.NextDouble(), Is.EqualTo(original.NextDouble()));
    }

    [Test]
    public void AnAllZeroStateIsRefused() =>
        Assert.Throws<ArgumentException>(() => new Rng(1).SetState(new RngState(0, 0, 0, 0, false, 0)));
}
