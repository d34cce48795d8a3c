using HyperRL.Cli.Rendering;
using SkiaSharp;

namespace HyperRL.Cli.Tests.Rendering;

public sealed class GifWriterTests
{
    [Test]
    public void EveryPaletteColourMapsToItself()
    {
        var palette = GifPalette.Default;
        for (int i = 0; i < GifPalette.Size; i++)
        {
            var (r, g, b) = palette[i];
            Assert.That(palette.IndexOf(r, g, b), Is.EqualTo(i), $"palette entry {i} = ({r}, {g}, {b})");
        }
    }

    [Test]
    public void FramesOfPaletteColoursRoundTripExactly()
    {
        const int width = 37, height = 23;
        var rng = new Random(5);
        var frames = new List<SKBitmap>
        {
            Bitmap(width, height, (_, _) => PaletteColor(17)),
            Bitmap(width, height, (x, y) => PaletteColor(x < 10 && y < 5 ? 200 : 17)),
            Bitmap(width, height, (x, y) => PaletteColor(x < 10 && y < 5 ? 200 : 17)),
            Bitmap(width, height, (_, _) => PaletteColor(rng.Next(GifPalette.Size))),
        };
        byte[] gif = Encode(frames, delayCentiseconds: 4);
        try
        {
            var decoded = GifTestDecoder.Decode(gif);
            Assert.That(decoded.Signature, Is.EqualTo("GIF89a"));
            Assert.That((decoded.Width, decoded.Height), Is.EqualTo((width, height)));
            Assert.That(decoded.LoopCount, Is.EqualTo(0), "NETSCAPE2.0 loop forever");
            Assert.That(decoded.Frames, Has.Count.EqualTo(frames.Count));
            Assert.That(decoded.Frames.Select(f => f.DelayCentiseconds), Is.All.EqualTo(4));
            // Frame 1 only changed a 10x5 corner, frame 2 nothing: both are stored as small rectangles.
            Assert.That((decoded.Frames[1].Width, decoded.Frames[1].Height), Is.EqualTo((10, 5)));
            Assert.That(decoded.Frames[2].Width * decoded.Frames[2].Height, Is.EqualTo(1));
            for (int f = 0; f < frames.Count; f++) Assert.That(decoded.Composite(f), Is.EqualTo(Rgb(frames[f])), $"frame {f}");
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Test]
    public void LargeNoisyFramesFillTheCodeTableAndStillDecode()
    {
        // 200x150 random indices emit far more than 4096 codes: code widths grow to 12 bits and clear codes follow.
        var rng = new Random(11);
        using var noise = Bitmap(200, 150, (_, _) => PaletteColor(rng.Next(GifPalette.Size)));
        using var fewColours = Bitmap(200, 150, (_, _) => PaletteColor(rng.Next(4)));
        byte[] gif = Encode(new[] { noise, fewColours }, delayCentiseconds: 2);

        var decoded = GifTestDecoder.Decode(gif);
        Assert.That(decoded.Composite(0), Is.EqualTo(Rgb(noise)));
        Assert.That(decoded.Composite(1), Is.EqualTo(Rgb(fewColours)));
        AssertSkiaDecodesTheSame(gif, decoded);
    }

    [Test]
    public void OtherColoursMapToAClosePaletteEntry()
    {
        var colours = new[] { new SKColor(250, 2, 3), new SKColor(100, 100, 100), new SKColor(10, 10, 250), new SKColor(254, 254, 254), new SKColor(200, 150, 100) };
        using var frame = Bitmap(colours.Length, 1, (x, _) => colours[x]);
        byte[] rgb = GifTestDecoder.Decode(Encode(new[] { frame }, 2)).Composite(0);
        for (int i = 0; i < colours.Length; i++)
        {
            int[] difference = { rgb[3 * i] - colours[i].Red, rgb[3 * i + 1] - colours[i].Green, rgb[3 * i + 2] - colours[i].Blue };
            Assert.That(difference.Max(Math.Abs), Is.LessThanOrEqualTo(26), $"{colours[i]} became ({rgb[3 * i]}, {rgb[3 * i + 1]}, {rgb[3 * i + 2]})");
        }
    }

    [Test]
    public void TwentyFramesOfSixHundredByFourHundredDecodeBack()
    {
        using var frame = Bitmap(600, 400, (x, y) => PaletteColor((x / 40 + y / 40) % 3 == 0 ? 0 : 255));
        byte[] gif = Encode(Enumerable.Repeat(frame, 20).ToArray(), 2);
        var decoded = GifTestDecoder.Decode(gif);
        Assert.That(decoded.Frames, Has.Count.EqualTo(20));
        Assert.That((decoded.Width, decoded.Height), Is.EqualTo((600, 400)));
    }

    internal static void AssertSkiaDecodesTheSame(byte[] gif, GifTestDecoder decoded)
    {
        using var data = SKData.CreateCopy(gif);
        using var codec = SKCodec.Create(data);
        Assert.That(codec, Is.Not.Null, "Skia does not recognize the GIF");
        Assert.That(codec.FrameCount, Is.EqualTo(decoded.Frames.Count));
        var info = new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        for (int f = 0; f < codec.FrameCount; f++)
        {
            using var bitmap = new SKBitmap(info);
            var result = codec.GetPixels(info, bitmap.GetPixels(), new SKCodecOptions(f));
            Assert.That(result, Is.EqualTo(SKCodecResult.Success), $"frame {f}");
            Assert.That(Rgb(bitmap), Is.EqualTo(decoded.Composite(f)), $"Skia's frame {f}");
        }
    }

    internal static SKColor PaletteColor(int index)
    {
        var (r, g, b) = GifPalette.Default[index];
        return new SKColor(r, g, b);
    }

    internal static SKBitmap Bitmap(int width, int height, Func<int, int, SKColor> color)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            bitmap.SetPixel(x, y, color(x, y));
        return bitmap;
    }

    internal static byte[] Rgb(SKBitmap bitmap)
    {
        var rgb = new byte[bitmap.Width * bitmap.Height * 3];
        for (int y = 0; y < bitmap.Height; y++)
        for (int x = 0; x < bitmap.Width; x++)
        {
            var c = bitmap.GetPixel(x, y);
            int i = (y * bitmap.Width + x) * 3;
            (rgb[i], rgb[i + 1], rgb[i + 2]) = (c.Red, c.Green, c.Blue);
        }
        return rgb;
    }

    private static byte[] Encode(IReadOnlyList<SKBitmap> frames, int delayCentiseconds)
    {
        using var stream = new MemoryStream();
        var writer = new GifWriter(stream, frames[0].Width, frames[0].Height);
        foreach (var frame in frames) writer.AddFrame(frame, delayCentiseconds);
        writer.Finish();
        return stream.ToArray();
    }
}
