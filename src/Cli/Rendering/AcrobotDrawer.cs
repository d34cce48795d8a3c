using HyperRL.Envs.ClassicControl;
using HyperRL.Envs.Core;
using SkiaSharp;

namespace HyperRL.Cli.Rendering;

/// <summary>Acrobot as Gymnasium draws it: two 0.2 m wide links hanging from the centre and the target height line,
/// which the env puts at half the full reach.</summary>
public sealed class AcrobotDrawer : IEnvDrawer
{
    private const double LinkWidth = 0.2;

    private static readonly SKColor LinkColor = new(0, 212, 204);
    private static readonly SKColor JointColor = new(204, 212, 0);

    public void Draw(SKCanvas canvas, Env env, int width, int height)
    {
        var acrobot = EnvCast.Unwrap<AcrobotEnv>(env);
        double[] state = acrobot.GetState();
        double l1 = acrobot.Descriptor[AcrobotDescriptor.LinkLength1];
        double l2 = acrobot.Descriptor[AcrobotDescriptor.LinkLength2];
        double bound = l1 + l2 + 0.2;
        var view = new WorldViewport(-bound, -bound, 2 * bound, 2 * bound, width, height);

        canvas.Clear(SKColors.White);
        using var target = new SKPaint { Color = SKColors.Black, IsAntialias = true, StrokeWidth = 1 };
        double targetHeight = (l1 + l2) / 2;
        canvas.DrawLine(view.ToScreen(-bound, targetHeight), view.ToScreen(bound, targetHeight), target);

        double theta1 = state[0], theta2 = state[1];
        double x1 = l1 * Math.Sin(theta1), y1 = -l1 * Math.Cos(theta1);
        double x2 = x1 + l2 * Math.Sin(theta1 + theta2), y2 = y1 - l2 * Math.Cos(theta1 + theta2);
        var pivot = view.ToScreen(0, 0);
        var elbow = view.ToScreen(x1, y1);
        var tip = view.ToScreen(x2, y2);

        using var link = new SKPaint
        {
            Color = LinkColor, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = view.Length(LinkWidth), StrokeCap = SKStrokeCap.Round,
        };
        canvas.DrawLine(pivot, elbow, link);
        canvas.DrawLine(elbow, tip, link);
        using var joint = new SKPaint { Color = JointColor, IsAntialias = true };
        canvas.DrawCircle(pivot, view.Length(LinkWidth / 2), joint);
        canvas.DrawCircle(elbow, view.Length(LinkWidth / 2), joint);
    }
}
