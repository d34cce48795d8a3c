namespace HyperRL.Cli.Tests.Rendering;

/// <summary>One image of a GIF: its rectangle on the screen, delay and LZW-decoded palette indices.</summary>
internal sealed record GifTestFrame(int Left, int Top, int Width, int Height, int DelayCentiseconds, int Disposal, byte[] Indices);

/// <summary>
/// A deliberately independent, straightforward GIF decoder for the tests (strings as byte arrays, no tricks), so the
/// encoder is checked against the format rather than against itself.
/// </summary>
internal sealed class GifTestDecoder
{
    private readonly byte[] _data;
    private int _position;

    private GifTestDecoder(byte[] data) => _data = data;

    public string Signature { get; private set; } = "";
    public int Width { get; private set; }
    public int Height { get; private set; }
    public byte[] Palette { get; private set; } = Array.Empty<byte>();
    public int? LoopCount { get; private set; }
    public List<GifTestFrame> Frames { get; } = new();

    public static GifTestDecoder Decode(byte[] data)
    {
        var decoder = new GifTestDecoder(data);
        decoder.Parse();
        return decoder;
    }

    /// <summary>The screen after frames 0..<paramref name="frameIndex"/> are drawn, as RGB triples per pixel.</summary>
    public byte[] Composite(int frameIndex)
    {
        var screen = new byte[Width * Height * 3];
        for (int f = 0; f <= frameIndex; f++)
        {
            var frame = Frames[f];
            for (int y = 0; y < frame.Height; y++)
            for (int x = 0; x < frame.Width; x++)
            {
                int index = frame.Indices[y * frame.Width + x];
                int target = ((frame.Top + y) * Width + frame.Left + x) * 3;
                screen[target] = Palette[3 * index];
                screen[target + 1] = Palette[3 * index + 1];
                screen[target + 2] = Palette[3 * index + 2];
            }
        }
        return screen;
    }

    private void Parse()
    {
        Signature = System.Text.Encoding.ASCII.GetString(_data, 0, 6);
        _position = 6;
        Width = ReadUInt16();
        Height = ReadUInt16();
        byte packed = ReadByte();
        ReadByte();
        ReadByte();
        if ((packed & 0x80) != 0) Palette = ReadBytes(3 * (1 << ((packed & 7) + 1)));

        int delay = 0, disposal = 0;
        while (true)
        {
            byte kind = ReadByte();
            if (kind == 0x3B) return;
            if (kind == 0x21)
            {
                byte label = ReadByte();
                byte[] body = ReadSubBlocks();
                if (label == 0xF9)
                {
                    disposal = (body[0] >> 2) & 7;
                    delay = body[1] | body[2] << 8;
                }
                else if (label == 0xFF && System.Text.Encoding.ASCII.GetString(body, 0, 11) == "NETSCAPE2.0")
                {
                    LoopCount = body[12] | body[13] << 8; // after "NETSCAPE2.0": sub-block id 1, then the count
                }
                continue;
            }
            if (kind != 0x2C) throw new FormatException($"unexpected block 0x{kind:X2} at byte {_position - 1}");
            int left = ReadUInt16(), top = ReadUInt16(), width = ReadUInt16(), height = ReadUInt16();
            byte imagePacked = ReadByte();
            if ((imagePacked & 0x80) != 0) throw new FormatException("local colour tables are not expected");
            int minimumCodeSize = ReadByte();
            byte[] indices = LzwDecode(ReadSubBlocks(), minimumCodeSize, width * height);
            Frames.Add(new GifTestFrame(left, top, width, height, delay, disposal, indices));
        }
    }

    private static byte[] LzwDecode(byte[] data, int minimumCodeSize, int pixelCount)
    {
        int clear = 1 << minimumCodeSize, end = clear + 1;
        var table = new List<byte[]>();
        void ResetTable()
        {
            table.Clear();
            for (int i = 0; i < clear; i++) table.Add(new[] { (byte)i });
            table.Add(Array.Empty<byte>());
            table.Add(Array.Empty<byte>());
        }

        ResetTable();
        var output = new List<byte>(pixelCount);
        int codeSize = minimumCodeSize + 1;
        int bitPosition = 0;
        byte[]? previous = null;
        bool sawEnd = false;
        while (bitPosition + codeSize <= data.Length * 8)
        {
            int code = 0;
            for (int b = 0; b < codeSize; b++, bitPosition++)
                code |= ((data[bitPosition >> 3] >> (bitPosition & 7)) & 1) << b;
            if (code == clear)
            {
                ResetTable();
                codeSize = minimumCodeSize + 1;
                previous = null;
                continue;
            }
            if (code == end)
            {
                sawEnd = true;
                break;
            }
            byte[] entry;
            if (code < table.Count) entry = table[code];
            else if (code == table.Count && previous != null) entry = [.. previous, previous[0]];
            else throw new FormatException($"LZW code {code} is not in the table ({table.Count} entries)");
            output.AddRange(entry);
            if (previous != null && table.Count < 4096)
            {
                table.Add([.. previous, entry[0]]);
                if (table.Count == 1 << codeSize && codeSize < 12) codeSize++;
            }
            previous = entry;
        }
        if (!sawEnd) throw new FormatException("LZW data has no end code");
        if (output.Count != pixelCount) throw new FormatException($"LZW data decodes to {output.Count} pixels, the frame has {pixelCount}");
        return output.ToArray();
    }

    private byte[] ReadSubBlocks()
    {
        var bytes = new List<byte>();
        while (true)
        {
            int length = ReadByte();
            if (length == 0) return bytes.ToArray();
            bytes.AddRange(ReadBytes(length));
        }
    }

    private byte ReadByte() => _position < _data.Length ? _data[_position++] : throw new FormatException("GIF ends early");

    private byte[] ReadBytes(int count)
    {
        if (_position + count > _data.Length) throw new FormatException("GIF ends early");
        byte[] bytes = _data[_position..(_position + count)];
        _position += count;
        return bytes;
    }

    private int ReadUInt16() => ReadByte() | ReadByte() << 8;
}
