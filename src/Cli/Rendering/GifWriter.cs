using System.Runtime.InteropServices;
using SkiaSharp;

namespace HyperRL.Cli.Rendering;

/// <summary>
/// Writes an animated, endlessly looping GIF89a frame by frame with the fixed <see cref="GifPalette"/>. Each frame
/// after the first stores only the rectangle that changed since the previous one (drawn over it: disposal "do not
/// dispose"), which keeps files small and encoding fast for mostly static scenes.
/// </summary>
public sealed class GifWriter
{
    private const byte ExtensionIntroducer = 0x21;
    private const byte ImageSeparator = 0x2C;
    private const byte Trailer = 0x3B;

    private readonly Stream _output;
    private readonly GifPalette _palette = GifPalette.Default;
    private readonly GifLzwEncoder _encoder = new();
    private byte[] _current;
    private byte[] _previous;
    private readonly byte[] _changed;
    private bool _finished;

    public GifWriter(Stream output, int width, int height)
    {
        if (width is < 1 or > ushort.MaxValue || height is < 1 or > ushort.MaxValue)
            throw new ArgumentException($"A GIF frame is 1 to 65535 pixels wide and high, not {width}x{height}.");
        _output = output;
        Width = width;
        Height = height;
        _current = new byte[width * height];
        _previous = new byte[width * height];
        _changed = new byte[width * height];
        WriteHeader();
    }

    public int Width { get; }
    public int Height { get; }
    public int FrameCount { get; private set; }

    /// <summary>Appends a frame (RGBA 8888, the writer's size) shown for <paramref name="delayCentiseconds"/>.</summary>
    public void AddFrame(SKBitmap frame, int delayCentiseconds)
    {
        if (_finished) throw new InvalidOperationException("The GIF is already finished.");
        if (frame.Width != Width || frame.Height != Height)
            throw new ArgumentException($"Frame is {frame.Width}x{frame.Height}, the GIF is {Width}x{Height}.");
        if (frame.ColorType != SKColorType.Rgba8888)
            throw new ArgumentException($"Frames must be RGBA 8888, not {frame.ColorType}.");
        if (delayCentiseconds is < 0 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(delayCentiseconds));

        MapToPalette(frame);
        var (left, top, width, height) = FrameCount == 0 ? (0, 0, Width, Height) : ChangedRectangle();
        int count = 0;
        for (int y = top; y < top + height; y++)
        {
            _current.AsSpan(y * Width + left, width).CopyTo(_changed.AsSpan(count));
            count += width;
        }

        WriteGraphicControl(delayCentiseconds);
        _output.WriteByte(ImageSeparator);
        WriteUInt16(left);
        WriteUInt16(top);
        WriteUInt16(width);
        WriteUInt16(height);
        _output.WriteByte(0); // no local colour table, not interlaced
        _encoder.Encode(_changed.AsSpan(0, count), _output);

        (_previous, _current) = (_current, _previous);
        FrameCount++;
    }

    /// <summary>Writes the trailer; the stream then holds a complete GIF.</summary>
    public void Finish()
    {
        if (_finished) return;
        if (FrameCount == 0) throw new InvalidOperationException("A GIF needs at least one frame.");
        _output.WriteByte(Trailer);
        _output.Flush();
        _finished = true;
    }

    private void WriteHeader()
    {
        _output.Write("GIF89a"u8);
        WriteUInt16(Width);
        WriteUInt16(Height);
        // Global colour table present, 8 bits per primary, unsorted, 2^(7+1) = 256 entries.
        _output.WriteByte(0xF7);
        _output.WriteByte(0); // background colour index
        _output.WriteByte(0); // square pixels
        _output.Write(_palette.Rgb);

        // NETSCAPE2.0 application extension: loop forever.
        _output.WriteByte(ExtensionIntroducer);
        _output.WriteByte(0xFF);
        _output.WriteByte(11);
        _output.Write("NETSCAPE2.0"u8);
        _output.WriteByte(3);
        _output.WriteByte(1);
        WriteUInt16(0);
        _output.WriteByte(0);
    }

    private void WriteGraphicControl(int delayCentiseconds)
    {
        _output.WriteByte(ExtensionIntroducer);
        _output.WriteByte(0xF9);
        _output.WriteByte(4);
        _output.WriteByte(1 << 2); // disposal 1: leave the frame in place for the next one to draw over
        WriteUInt16(delayCentiseconds);
        _output.WriteByte(0); // no transparent colour
        _output.WriteByte(0);
    }

    private void MapToPalette(SKBitmap frame)
    {
        ReadOnlySpan<byte> pixels = frame.GetPixelSpan();
        int rowBytes = frame.RowBytes;
        for (int y = 0; y < Height; y++)
        {
            var row = MemoryMarshal.Cast<byte, uint>(pixels.Slice(y * rowBytes, Width * 4));
            var indices = _current.AsSpan(y * Width, Width);
            for (int x = 0; x < row.Length; x++)
            {
                uint rgba = row[x]; // little-endian: R in the low byte
                indices[x] = _palette.IndexOf((byte)rgba, (byte)(rgba >> 8), (byte)(rgba >> 16));
            }
        }
    }

    /// <summary>Bounding box of the pixels that differ from the previous frame; 1x1 when nothing changed (a frame
    /// must still be written to keep the timing).</summary>
    private (int Left, int Top, int Width, int Height) ChangedRectangle()
    {
        int top = -1, bottom = -1, left = Width, right = -1;
        for (int y = 0; y < Height; y++)
        {
            var now = _current.AsSpan(y * Width, Width);
            var before = _previous.AsSpan(y * Width, Width);
            int first = now.CommonPrefixLength(before);
            if (first == Width) continue;
            int last = Width - 1;
            while (now[last] == before[last]) last--;
            if (top < 0) top = y;
            bottom = y;
            left = Math.Min(left, first);
            right = Math.Max(right, last);
        }
        return top < 0 ? (0, 0, 1, 1) : (left, top, right - left + 1, bottom - top + 1);
    }

    private void WriteUInt16(int value)
    {
        _output.WriteByte((byte)value);
        _output.WriteByte((byte)(value >> 8));
    }
}
