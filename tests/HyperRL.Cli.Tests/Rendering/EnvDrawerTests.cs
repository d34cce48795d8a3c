using HyperRL.Cli.Rendering;
using HyperRL.Envs.Box2DLite;
using HyperRL.Envs.ClassicControl;
using HyperRL.Envs.Core;
using HyperRL.Envs.Registry;
using SkiaSharp;

namespace HyperRL.Cli.Tests.Rendering;

public sealed class EnvDrawerTests
{
    private static IEnumerable<string> RenderableIds => EnvDrawerRegistry.Ids;

    [TestCaseSource(nameof(RenderableIds))]
    public void EachDrawerDrawsItsEnvOnTheBackground(string id)
    {
        using var frame = DrawAfterReset(id, new EnvOptions(), 160, 120);
        var counts = ColourCounts(frame);
        int background = counts.Values.Max();
        Assert.That(counts, Has.Count.GreaterThan(2), "a scene has more than two colours");
        Assert.That(frame.Width * frame.Height - background, Is.GreaterThan(200), "pixels off the background colour");
    }

    [Test]
    public void EveryBuiltInEnvHasADrawer()
    {
        Assert.That(EnvDrawerRegistry.Ids, Is.SupersetOf(new[] { "CartPole-v1", "Acrobot-v1", "MountainCar-v0", "Pendulum-v1", "LunarLander-v3", "PointMassGoal-v0" }));
    }

    [Test]
    public void UnknownEnvIsAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => EnvDrawerRegistry.For("Nope-v0"));
        Assert.That(error!.Message, Does.Contain("no drawer for env 'Nope-v0'").And.Contain("CartPole-v1"));
    }

    [Test]
    public void CartPoleDrawsALongerPoleForALongerPoleLength()
    {
        int PolePixels(double halfLength)
        {
            var options = new EnvOptions { Parameters = new Dictionary<string, double> { ["pole_length"] = halfLength } };
            using var frame = DrawAfterReset(CartPoleEnv.EnvId, options, 300, 200);
            return CountNear(frame, new SKColor(204, 153, 102));
        }
        int shortPole = PolePixels(0.25), longPole = PolePixels(0.75);
        Assert.That(shortPole, Is.GreaterThan(20));
        Assert.That(longPole, Is.GreaterThan(2 * shortPole), "the pole is drawn with the episode's length");
    }

    [Test]
    public void LunarLanderShowsHullLegsSkyAndFlags()
    {
        using var frame = DrawAfterReset(LunarLanderEnv.EnvId, new EnvOptions(), 300, 200);
        Assert.That(CountNear(frame, new SKColor(153, 85, 255)), Is.GreaterThan(40), "hull and legs");
        Assert.That(CountNear(frame, SKColors.Black), Is.GreaterThan(300 * 200 / 3), "sky");
        Assert.That(CountNear(frame, new SKColor(204, 212, 0)), Is.GreaterThan(10), "helipad flags");
    }

    private static SKBitmap DrawAfterReset(string id, EnvOptions options, int width, int height)
    {
        var env = EnvRegistry.Make(id, options);
        env.Reset(new float[env.ObservationSize], seed: 3);
        var frame = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(frame);
        EnvDrawerRegistry.For(id).Draw(canvas, env, width, height);
        canvas.Flush();
        return frame;
    }

    private static Dictionary<SKColor, int> ColourCounts(SKBitmap frame)
    {
        var counts = new Dictionary<SKColor, int>();
        foreach (var pixel in frame.Pixels) counts[pixel] = counts.GetValueOrDefault(pixel) + 1;
        return counts;
    }

    private static int CountNear(SKBitmap frame, SKColor colour) =>
        frame.Pixels.Count(p => Math.Abs(p.Red - colour.Red) + Math.Abs(p.Green - colour.Green) + Math.Abs(p.Blue - colour.Blue) < 30);
}
