using HyperRL.Envs.Core;
using HyperRL.Envs.Goal;
using SkiaSharp;

namespace HyperRL.Cli.Rendering;

/// <summary>The point-mass arena [-1, 1]^2 seen from above: the goal (its true radius plus a halo, since the radius is
/// only a few pixels) and the point mass.</summary>
public sealed class PointMassGoalDrawer : IEnvDrawer
{
    private const double Margin = 0.1;
    private const double PointRadius = 0.04;

    private static readonly SKColor ArenaColor = new(224, 224, 224);
    private static readonly SKColor GoalColor = new(0, 170, 0);
    private static readonly SKColor HaloColor = new(153, 255, 153);
    private static readonly SKColor PointColor = new(0, 85, 204);

    public void Draw(SKCanvas canvas, Env env, int width, int height)
    {
        var pointMass = EnvCast.Unwrap<PointMassGoalEnv>(env);
        var view = new WorldViewport(-1 - Margin, -1 - Margin, 2 + 2 * Margin, 2 + 2 * Margin, width, height);

        canvas.Clear(SKColors.White);
        var topLeft = view.ToScreen(-1, 1);
        var arena = SKRect.Create(topLeft.X, topLeft.Y, view.Length(2), view.Length(2));
        using var arenaFill = new SKPaint { Color = ArenaColor };
        canvas.DrawRect(arena, arenaFill);
        using var border = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = 2 };
        canvas.DrawRect(arena, border);

        var goal = view.ToScreen(pointMass.GoalX, pointMass.GoalY);
        using var halo = new SKPaint { Color = HaloColor, IsAntialias = true };
        canvas.DrawCircle(goal, view.Length(3 * PointMassGoalEnv.GoalRadius), halo);
        using var goalPaint = new SKPaint { Color = GoalColor, IsAntialias = true };
        canvas.DrawCircle(goal, Math.Max(2f, view.Length(PointMassGoalEnv.GoalRadius)), goalPaint);

        var (x, y) = pointMass.Position;
        using var point = new SKPaint { Color = PointColor, IsAntialias = true };
        canvas.DrawCircle(view.ToScreen(x, y), view.Length(PointRadius), point);
    }
}
