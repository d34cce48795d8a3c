using HyperRL.Envs.ClassicControl;
using HyperRL.Envs.Wrappers;

namespace HyperRL.Envs.Tests.Core;

/// <summary>Single-env wrappers; the vector wrappers are tested in <c>Vector/Wrappers</c>.</summary>
public sealed class WrapperTests
{
    [Test]
    public void ClipActionClipsIntoTheBoxAndStillRejectsNaN()
    {
        var inner = new ActionEchoEnv();
        var clipped = new ClipAction(inner);
        clipped.Reset(seed: 3);
        Assert.That(clipped.Step(new[] { 7f, -0.5f }).Observation, Is.EqualTo(new[] { 1f, -0.5f }), "the wrapped env sees the clipped action");
        Assert.That(clipped.Step(new[] { -3f, 0.25f }).Observation, Is.EqualTo(new[] { -1f, 0.25f }));
        Assert.Throws<ArgumentException>(() => clipped.Step(new[] { float.NaN, 0f }));
        Assert.Throws<ArgumentException>(() => clipped.Step(new[] { float.PositiveInfinity, 0f }), "an infinity is not clipped to the bound");
        Assert.Throws<ArgumentException>(() => _ = new ClipAction(new CartPoleEnv()));
    }
}
