using HyperRL.Envs.Box2DLite;
using HyperRL.Envs.Core;
using SkiaSharp;
using static HyperRL.Envs.Box2DLite.LunarLanderConstants;

namespace HyperRL.Cli.Rendering;

/// <summary>
/// LunarLander as Gymnasium draws it: black sky over a white moon surface, the helipad's two yellow flags, the purple
/// hull polygon and its legs, in metres (30 px per metre at 600 x 400). A leg touching the ground turns green.
/// </summary>
public sealed class LunarLanderDrawer : IEnvDrawer
{
    private const double FlagHeight = 50 / Scale;

    private static readonly SKColor BodyFill = new(153, 85, 255);
    private static readonly SKColor BodyOutline = new(102, 85, 153);
    private static readonly SKColor LegTouchingFill = new(0, 212, 0);
    private static readonly SKColor FlagColor = new(204, 212, 0);

    public void Draw(SKCanvas canvas, Env env, int width, int height)
    {
        var lander = EnvCast.Unwrap<LunarLanderEnv>(env);
        var view = new WorldViewport(0, 0, W, H, width, height);

        canvas.Clear(SKColors.White);
        DrawSky(canvas, lander, view);
        DrawFlags(canvas, lander, view);

        using var outline = new SKPaint { Color = BodyOutline, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f };
        using var fill = new SKPaint { Color = BodyFill, IsAntialias = true };
        using var touching = new SKPaint { Color = LegTouchingFill, IsAntialias = true };
        double w = LegW / Scale, h = LegH / Scale;
        ReadOnlySpan<double> legShape = stackalloc double[] { -w, -h, w, -h, w, h, -w, h };
        for (int leg = 0; leg < 2; leg++)
        {
            using var legPath = Polygon(view, lander.GetBodyState(1 + leg), legShape);
            canvas.DrawPath(legPath, lander.LegContact(leg) ? touching : fill);
            canvas.DrawPath(legPath, outline);
        }

        ReadOnlySpan<double> hullPixels = LanderPoly;
        Span<double> hullMetres = stackalloc double[hullPixels.Length];
        for (int i = 0; i < hullPixels.Length; i++) hullMetres[i] = hullPixels[i] / Scale;
        using var hull = Polygon(view, lander.GetBodyState(0), hullMetres);
        canvas.DrawPath(hull, fill);
        canvas.DrawPath(hull, outline);
    }

    private static void DrawSky(SKCanvas canvas, LunarLanderEnv lander, WorldViewport view)
    {
        // Gymnasium fills the sky above each terrain chunk; what stays white is the ground.
        using var sky = new SKPath();
        sky.MoveTo(view.ToScreen(0, H));
        for (int i = 0; i < Chunks; i++)
        {
            var (x, y) = lander.TerrainPoint(i);
            sky.LineTo(view.ToScreen(x, y));
        }
        sky.LineTo(view.ToScreen(W, H));
        sky.Close();
        using var black = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawPath(sky, black);
    }

    private static void DrawFlags(SKCanvas canvas, LunarLanderEnv lander, WorldViewport view)
    {
        using var pole = new SKPaint { Color = SKColors.White, IsAntialias = true, StrokeWidth = 1 };
        using var flag = new SKPaint { Color = FlagColor, IsAntialias = true };
        foreach (double x in new[] { lander.HelipadX1, lander.HelipadX2 })
        {
            double bottom = lander.HelipadY, top = bottom + FlagHeight;
            canvas.DrawLine(view.ToScreen(x, bottom), view.ToScreen(x, top), pole);
            using var triangle = new SKPath();
            triangle.MoveTo(view.ToScreen(x, top));
            triangle.LineTo(view.ToScreen(x, top - 10 / Scale));
            triangle.LineTo(view.ToScreen(x + 25 / Scale, top - 5 / Scale));
            triangle.Close();
            canvas.DrawPath(triangle, flag);
        }
    }

    /// <summary>A body-local polygon (x, y pairs in metres) placed at the body's origin and angle.</summary>
    private static SKPath Polygon(WorldViewport view, LanderBodyState body, ReadOnlySpan<double> local)
    {
        (double sin, double cos) = Math.SinCos(body.Angle);
        var path = new SKPath();
        for (int i = 0; i < local.Length; i += 2)
        {
            double u = local[i], v = local[i + 1];
            var point = view.ToScreen(body.X + u * cos - v * sin, body.Y + u * sin + v * cos);
            if (i == 0) path.MoveTo(point);
            else path.LineTo(point);
        }
        path.Close();
        return path;
    }
}
