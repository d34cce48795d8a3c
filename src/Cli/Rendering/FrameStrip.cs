using SkiaSharp;

namespace HyperRL.Cli.Rendering;

/// <summary>A PNG of a few evenly spaced frames side by side (width = frames x frame width), for a quick look at a
/// whole episode in a report or a terminal image viewer.</summary>
public sealed class FrameStrip : IDisposable
{
    public const int MaxFrames = 8;

    private static readonly SKColor SeparatorColor = new(128, 128, 128);

    private readonly ImageSize _frameSize;
    private readonly Dictionary<int, int> _slotOfStep = new();
    private readonly SKBitmap _strip;
    private readonly SKCanvas _canvas;

    /// <param name="frameSteps">The steps that are drawn; the strip keeps up to <see cref="MaxFrames"/> of them.</param>
    public FrameStrip(IReadOnlyList<int> frameSteps, ImageSize frameSize)
    {
        _frameSize = frameSize;
        Steps = FrameSchedule.EvenlySpaced(frameSteps, MaxFrames);
        for (int slot = 0; slot < Steps.Count; slot++) _slotOfStep[Steps[slot]] = slot;
        _strip = new SKBitmap(new SKImageInfo(Steps.Count * frameSize.Width, frameSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        _canvas = new SKCanvas(_strip);
        _canvas.Clear(SKColors.White);
    }

    public IReadOnlyList<int> Steps { get; }

    public bool Wants(int step) => _slotOfStep.ContainsKey(step);

    public void Add(int step, SKBitmap frame)
    {
        if (!_slotOfStep.TryGetValue(step, out int slot)) return;
        float left = slot * _frameSize.Width;
        _canvas.DrawBitmap(frame, left, 0);
        if (slot > 0)
        {
            using var separator = new SKPaint { Color = SeparatorColor, StrokeWidth = 2 };
            _canvas.DrawLine(left, 0, left, _frameSize.Height, separator);
        }
    }

    public void Save(string path)
    {
        _canvas.Flush();
        using var image = SKImage.FromBitmap(_strip);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        HyperRL.Agents.Runs.AtomicFile.Write(path, png.SaveTo);
    }

    public void Dispose()
    {
        _canvas.Dispose();
        _strip.Dispose();
    }
}
