namespace HyperRL.Cli.Rendering;

/// <summary>
/// The one global GIF palette: a 6 x 7 x 6 colour cube (green gets the extra level: the eye resolves it best) plus
/// four greys, with a 32 x 32 x 32 nearest-colour table so mapping a pixel is one lookup. Every palette colour
/// maps to itself exactly, so drawings that stick to palette colours come out of the GIF unchanged.
/// </summary>
public sealed class GifPalette
{
    public const int Size = 256;

    private const int RedLevels = 6;
    private const int GreenLevels = 7;
    private const int BlueLevels = 6;
    private static readonly byte[] ExtraGreys = { 64, 128, 192, 224 };

    private readonly byte[] _rgb = new byte[3 * Size];
    private readonly byte[] _lookup = new byte[32 * 32 * 32];

    private GifPalette()
    {
        int index = 0;
        for (int r = 0; r < RedLevels; r++)
        for (int g = 0; g < GreenLevels; g++)
        for (int b = 0; b < BlueLevels; b++)
            SetColor(index++, Level(r, RedLevels), Level(g, GreenLevels), Level(b, BlueLevels));
        foreach (byte grey in ExtraGreys) SetColor(index++, grey, grey, grey);

        for (int cell = 0; cell < _lookup.Length; cell++)
            _lookup[cell] = Nearest(CellCentre(cell >> 10), CellCentre((cell >> 5) & 31), CellCentre(cell & 31));
        // A cell's centre can sit nearer a neighbour than the palette colour inside the cell; the colour itself wins.
        for (int i = 0; i < Size; i++) _lookup[Cell(_rgb[3 * i], _rgb[3 * i + 1], _rgb[3 * i + 2])] = (byte)i;
    }

    public static GifPalette Default { get; } = new();

    /// <summary>R, G, B of each of the 256 entries, as the GIF colour table stores them.</summary>
    public ReadOnlySpan<byte> Rgb => _rgb;

    public (byte R, byte G, byte B) this[int index] => (_rgb[3 * index], _rgb[3 * index + 1], _rgb[3 * index + 2]);

    public byte IndexOf(byte r, byte g, byte b) => _lookup[Cell(r, g, b)];

    private static int Cell(byte r, byte g, byte b) => (r >> 3) << 10 | (g >> 3) << 5 | b >> 3;

    private static int CellCentre(int cell) => cell * 8 + 4;

    private static byte Level(int level, int levels) => (byte)Math.Round(255.0 * level / (levels - 1));

    private void SetColor(int index, byte r, byte g, byte b)
    {
        _rgb[3 * index] = r;
        _rgb[3 * index + 1] = g;
        _rgb[3 * index + 2] = b;
    }

    private byte Nearest(int r, int g, int b)
    {
        int best = 0, bestDistance = int.MaxValue;
        for (int i = 0; i < Size; i++)
        {
            int dr = r - _rgb[3 * i], dg = g - _rgb[3 * i + 1], db = b - _rgb[3 * i + 2];
            // Weighted like the eye's sensitivity (roughly 3:4:2), which keeps greys grey.
            int distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = i;
            }
        }
        return (byte)best;
    }
}
