using SkiaSharp;

namespace HyperRL.Cli.Rendering;

/// <summary>
/// Maps a world rectangle (y up, in the env's units) onto the canvas with one scale for both axes, centred, so a
/// frame of any aspect ratio shows the whole scene undistorted.
/// </summary>
public sealed class WorldViewport
{
    private readonly double _left;
    private readonly double _bottom;
    private readonly double _offsetX;
    private readonly double _offsetY;
    private readonly int _height;

    public WorldViewport(double left, double bottom, double worldWidth, double worldHeight, int width, int height)
    {
        if (!(worldWidth > 0 && worldHeight > 0)) throw new ArgumentException("The world rectangle needs a positive width and height.");
        _left = left;
        _bottom = bottom;
        _height = height;
        Scale = Math.Min(width / worldWidth, height / worldHeight);
        _offsetX = (width - worldWidth * Scale) / 2;
        _offsetY = (height - worldHeight * Scale) / 2;
    }

    /// <summary>Pixels per world unit.</summary>
    public double Scale { get; }

    public SKPoint ToScreen(double x, double y) =>
        new((float)(_offsetX + (x - _left) * Scale), (float)(_height - _offsetY - (y - _bottom) * Scale));

    public float Length(double worldLength) => (float)(worldLength * Scale);
}
