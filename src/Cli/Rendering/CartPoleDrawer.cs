using HyperRL.Envs.ClassicControl;
using HyperRL.Envs.Core;
using SkiaSharp;

namespace HyperRL.Cli.Rendering;

/// <summary>
/// CartPole as Gymnasium draws it (600 px for the 4.8 m track, a 50 x 30 px cart 100 px up, a 10 px pole), in
/// metres so other frame sizes scale; the pole is as long as the episode's pole_length (a HALF-length) says.
/// </summary>
public sealed class CartPoleDrawer : IEnvDrawer
{
    private const double TrackHalfWidth = 2.4;
    private const double PixelsPerMetre = 125;
    private const double CartWidth = 50 / PixelsPerMetre;
    private const double CartHeight = 30 / PixelsPerMetre;
    private const double CartY = 100 / PixelsPerMetre;
    private const double PoleWidth = 10 / PixelsPerMetre;
    private const double AxleOffset = CartHeight / 4;
    private const double GymnasiumWorldHeight = 400 / PixelsPerMetre;

    private static readonly SKColor PoleColor = new(204, 153, 102);
    private static readonly SKColor AxleColor = new(153, 128, 204);

    public void Draw(SKCanvas canvas, Env env, int width, int height)
    {
        var cartPole = EnvCast.Unwrap<CartPoleEnv>(env);
        double[] state = cartPole.GetState();
        double x = state[0], theta = state[2];
        double poleLength = 2 * cartPole.Descriptor[CartPoleDescriptor.PoleLength];
        // Long poles get a taller world rather than leaving the frame.
        double worldHeight = Math.Max(GymnasiumWorldHeight, CartY + AxleOffset + poleLength + 0.2);
        var view = new WorldViewport(-TrackHalfWidth, 0, 2 * TrackHalfWidth, worldHeight, width, height);

        canvas.Clear(SKColors.White);
        using var track = new SKPaint { Color = SKColors.Black, IsAntialias = true, StrokeWidth = 1 };
        canvas.DrawLine(view.ToScreen(-TrackHalfWidth - 1, CartY), view.ToScreen(TrackHalfWidth + 1, CartY), track);

        using var cart = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var topLeft = view.ToScreen(x - CartWidth / 2, CartY + CartHeight / 2);
        canvas.DrawRect(topLeft.X, topLeft.Y, view.Length(CartWidth), view.Length(CartHeight), cart);

        double axleY = CartY + AxleOffset;
        var axle = view.ToScreen(x, axleY);
        var tip = view.ToScreen(x + poleLength * Math.Sin(theta), axleY + poleLength * Math.Cos(theta));
        using var pole = new SKPaint
        {
            Color = PoleColor, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = view.Length(PoleWidth), StrokeCap = SKStrokeCap.Butt,
        };
        canvas.DrawLine(axle, tip, pole);
        using var axlePaint = new SKPaint { Color = AxleColor, IsAntialias = true };
        canvas.DrawCircle(axle, view.Length(PoleWidth / 2), axlePaint);
    }
}
