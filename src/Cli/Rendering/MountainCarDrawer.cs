using HyperRL.Envs.ClassicControl;
using HyperRL.Envs.Core;
using SkiaSharp;

namespace HyperRL.Cli.Rendering;

/// <summary>MountainCar as Gymnasium draws it: the hill y = 0.45 sin(3x) + 0.55 over [-1.2, 0.6], a 40 x 20 px car
/// tilted with the slope, and the flag at the goal x = 0.5 (1.8 world units = 600 px).</summary>
public sealed class MountainCarDrawer : IEnvDrawer
{
    private const double MinPosition = -1.2;
    private const double MaxPosition = 0.6;
    private const double GoalPosition = 0.5;
    private const double PixelsPerUnit = 600 / (MaxPosition - MinPosition);
    private const double WorldHeight = 400 / PixelsPerUnit;
    private const double CarWidth = 40 / PixelsPerUnit;
    private const double CarHeight = 20 / PixelsPerUnit;
    private const double Clearance = 10 / PixelsPerUnit;
    private const double FlagHeight = 50 / PixelsPerUnit;
    private const int HillPoints = 100;

    private static readonly SKColor WheelColor = new(128, 128, 128);
    private static readonly SKColor FlagColor = new(204, 212, 0);

    public static double HillHeight(double x) => Math.Sin(3 * x) * 0.45 + 0.55;

    public void Draw(SKCanvas canvas, Env env, int width, int height)
    {
        var car = EnvCast.Unwrap<MountainCarEnv>(env);
        double position = car.GetState()[0];
        var view = new WorldViewport(MinPosition, 0, MaxPosition - MinPosition, WorldHeight, width, height);

        canvas.Clear(SKColors.White);
        using var hill = new SKPath();
        for (int i = 0; i < HillPoints; i++)
        {
            double x = MinPosition + (MaxPosition - MinPosition) * i / (HillPoints - 1);
            var point = view.ToScreen(x, HillHeight(x));
            if (i == 0) hill.MoveTo(point);
            else hill.LineTo(point);
        }
        using var line = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f };
        canvas.DrawPath(hill, line);

        var flagBase = view.ToScreen(GoalPosition, HillHeight(GoalPosition));
        var flagTop = view.ToScreen(GoalPosition, HillHeight(GoalPosition) + FlagHeight);
        canvas.DrawLine(flagBase, flagTop, line);
        using var flag = new SKPath();
        flag.MoveTo(flagTop);
        flag.LineTo(view.ToScreen(GoalPosition, HillHeight(GoalPosition) + FlagHeight - 10 / PixelsPerUnit));
        flag.LineTo(view.ToScreen(GoalPosition + 25 / PixelsPerUnit, HillHeight(GoalPosition) + FlagHeight - 5 / PixelsPerUnit));
        flag.Close();
        using var flagPaint = new SKPaint { Color = FlagColor, IsAntialias = true };
        canvas.DrawPath(flag, flagPaint);

        // The car sits on the curve, tilted with its true slope (dy/dx = 1.35 cos 3x).
        double angle = Math.Atan(1.35 * Math.Cos(3 * position));
        (double sin, double cos) = Math.SinCos(angle);
        double baseY = HillHeight(position) + Clearance;
        SKPoint Local(double u, double v) => view.ToScreen(position + u * cos - v * sin, baseY + u * sin + v * cos);

        using var body = new SKPath();
        body.MoveTo(Local(-CarWidth / 2, 0));
        body.LineTo(Local(CarWidth / 2, 0));
        body.LineTo(Local(CarWidth / 2, CarHeight));
        body.LineTo(Local(-CarWidth / 2, CarHeight));
        body.Close();
        using var bodyPaint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawPath(body, bodyPaint);
        using var wheel = new SKPaint { Color = WheelColor, IsAntialias = true };
        float wheelRadius = view.Length(CarHeight / 2.5);
        canvas.DrawCircle(Local(CarWidth / 4, 0), wheelRadius, wheel);
        canvas.DrawCircle(Local(-CarWidth / 4, 0), wheelRadius, wheel);
    }
}
