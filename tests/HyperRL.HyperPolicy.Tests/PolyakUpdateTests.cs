using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

/// <summary>The one target-network update every network kind uses.</summary>
public sealed class PolyakUpdateTests
{
    [Test]
    public void PolyakUpdateOnATinyNetwork()
    {
        using var target = new TinyModule(1f, 10f);
        using var source = new TinyModule(3f, -2f);
        PolyakUpdate.Apply(target, source, 0.25);
        Assert.That(TestShapes.Values(target.Weight), Is.EqualTo(new[] { 0.25f * 3 + 0.75f * 1, 0.25f * 3 + 0.75f * 1 }));
        Assert.That(TestShapes.Values(target.Counter), Is.EqualTo(new[] { -2f }), "buffers are copied, not averaged");
        PolyakUpdate.Apply(target, source, 0.0);
        Assert.That(TestShapes.Values(target.Weight), Is.EqualTo(new[] { 1.5f, 1.5f }));
        PolyakUpdate.Apply(target, source, 1.0);
        Assert.That(TestShapes.Values(target.Weight), Is.EqualTo(new[] { 3f, 3f }));
        Assert.That(() => PolyakUpdate.Apply(target, source, 1.5), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => PolyakUpdate.Apply(target, source, double.NaN), Throws.TypeOf<ArgumentOutOfRangeException>());
        using var other = nn.Linear(2, 2);
        Assert.That(() => PolyakUpdate.Apply(target, other, 0.5), Throws.ArgumentException.With.Message.Contains("differ in structure"));
    }

    [Test]
    public void QNetworkSoftUpdateSharesTheSameMath()
    {
        manual_seed(55);
        using var target = QNetwork.Create(TestShapes.Hyper(), TestShapes.Discrete);
        using var source = QNetwork.Create(TestShapes.Hyper(), TestShapes.Discrete);
        var before = target.parameters().Select(TestShapes.Values).ToArray();
        var sourceValues = source.parameters().Select(TestShapes.Values).ToArray();
        target.SoftUpdateFrom(source, 0.5);
        var after = target.parameters().Select(TestShapes.Values).ToArray();
        for (var p = 0; p < after.Length; p++)
            Assert.That(after[p], Is.EqualTo(before[p].Zip(sourceValues[p], (t, s) => (t + s) / 2)).Within(1e-6f));
    }

    /// <summary>One parameter and one buffer, with known values.</summary>
    private sealed class TinyModule : nn.Module
    {
        public TinyModule(float weight, float counter) : base("tiny")
        {
            Weight = nn.Parameter(full(2, weight));
            Counter = full(1, counter);
            register_parameter("weight", Weight);
            register_buffer("counter", Counter);
        }

        public TorchSharp.Modules.Parameter Weight { get; }

        public Tensor Counter { get; }
    }
}
