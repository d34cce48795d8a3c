using System.Globalization;

namespace HyperRL.Cli;

/// <summary>An image size in pixels, written WIDTHxHEIGHT on the command line (plots, frames).</summary>
public readonly record struct ImageSize(int Width, int Height)
{
    public const int MinSide = 16;
    public const int MaxSide = 8192;

    public static ImageSize Parse(string text)
    {
        string[] parts = text.Trim().Split('x', 'X');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int height))
            throw new ArgumentException($"--size '{text}' is not WIDTHxHEIGHT (e.g. 600x400)");
        if (width is < MinSide or > MaxSide || height is < MinSide or > MaxSide)
            throw new ArgumentException($"--size {width}x{height}: each side must be {MinSide} to {MaxSide} pixels");
        return new ImageSize(width, height);
    }

    public override string ToString() => $"{Width}x{Height}";
}
