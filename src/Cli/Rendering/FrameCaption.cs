using SkiaSharp;

namespace HyperRL.Cli.Rendering;

/// <summary>Small text in the top-left corner (step, return, descriptor), black with a white halo: legible on any
/// background (LunarLander's sky is black, the others are white) without hiding what lies behind it.</summary>
public sealed class FrameCaption : IDisposable
{
    private const float Padding = 3;

    private readonly SKFont _font;
    private readonly SKPaint _text = new() { Color = SKColors.Black, IsAntialias = true };
    private readonly SKPaint _halo = new()
    {
        Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 3, StrokeJoin = SKStrokeJoin.Round,
    };

    public FrameCaption(int frameHeight)
    {
        _font = new SKFont(SKTypeface.Default, Math.Clamp(frameHeight / 36f, 8f, 16f));
    }

    /// <summary>Breaks <paramref name="parts"/> (joined by ", ") into lines no wider than <paramref name="maxWidth"/>.</summary>
    public IReadOnlyList<string> Wrap(IEnumerable<string> parts, float maxWidth)
    {
        var lines = new List<string>();
        string current = "";
        foreach (string part in parts)
        {
            string candidate = current.Length == 0 ? part : current + ", " + part;
            if (current.Length > 0 && _font.MeasureText(candidate) > maxWidth)
            {
                lines.Add(current + ",");
                current = part;
            }
            else
            {
                current = candidate;
            }
        }
        if (current.Length > 0) lines.Add(current);
        return lines;
    }

    public void Draw(SKCanvas canvas, IReadOnlyList<string> lines)
    {
        float baseline = Padding - _font.Metrics.Ascent;
        foreach (string line in lines)
        {
            canvas.DrawText(line, Padding, baseline, SKTextAlign.Left, _font, _halo);
            canvas.DrawText(line, Padding, baseline, SKTextAlign.Left, _font, _text);
            baseline += _font.Spacing;
        }
    }

    public void Dispose()
    {
        _font.Dispose();
        _text.Dispose();
        _halo.Dispose();
    }
}
