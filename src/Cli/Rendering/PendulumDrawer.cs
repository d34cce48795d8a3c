using HyperRL.Envs.ClassicControl;
using HyperRL.Envs.Core;
using SkiaSharp;

namespace HyperRL.Cli.Rendering;

/// <summary>Pendulum as Gymnasium draws it (a 0.2 wide red rod from the centre, upright at th = 0), with the rod as
/// long as the episode's l; the world grows with l so the rod always fits (2.2 at Gymnasium's l = 1).</summary>
public sealed class PendulumDrawer : IEnvDrawer
{
    private const double RodWidth = 0.2;

    private static readonly SKColor RodColor = new(204, 85, 102);

    public void Draw(SKCanvas canvas, Env env, int width, int height)
    {
        var pendulum = EnvCast.Unwrap<PendulumEnv>(env);
        double theta = pendulum.GetState()[0];
        double length = pendulum.Descriptor[PendulumDescriptor.L];
        double bound = length + 1.2;
        var view = new WorldViewport(-bound, -bound, 2 * bound, 2 * bound, width, height);

        canvas.Clear(SKColors.White);
        var pivot = view.ToScreen(0, 0);
        var end = view.ToScreen(-length * Math.Sin(theta), length * Math.Cos(theta));
        using var rod = new SKPaint
        {
            Color = RodColor, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = view.Length(RodWidth), StrokeCap = SKStrokeCap.Round,
        };
        canvas.DrawLine(pivot, end, rod);
        using var axle = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawCircle(pivot, view.Length(0.05), axle);
    }
}
