using System.Globalization;

namespace HyperRL.Cli;

/// <summary>Parses "WIDTHxHEIGHT" image sizes.</summary>
public static class PixelSize
{
    public static (int Width, int Height) Parse(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int height)
            && width is >= 16 and <= 8192 && height is >= 16 and <= 8192)
            return (width, height);
        throw new ArgumentException($"size '{text}' is not WIDTHxHEIGHT with each side in [16, 8192] (for example 900x550)");
    }
}
