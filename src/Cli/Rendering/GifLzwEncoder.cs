namespace HyperRL.Cli.Rendering;

/// <summary>
/// GIF's variable-length LZW for 8-bit palette indices: codes start at 9 bits and grow to 12, a clear code restarts
/// the table when it fills, and the output is split into data sub-blocks of at most 255 bytes. One instance reuses
/// its 2 MB string table across frames.
/// </summary>
public sealed class GifLzwEncoder
{
    public const int MinimumCodeSize = 8;

    private const int ClearCode = 1 << MinimumCodeSize;
    private const int EndCode = ClearCode + 1;
    private const int FirstFreeCode = EndCode + 1;
    private const int MaxCodeSize = 12;
    private const int TableSize = 1 << MaxCodeSize;

    /// <summary>Code of the string (prefix code, next index) at [prefix &lt;&lt; 8 | index]; 0 = not in the table
    /// (no string code is 0: those start at <see cref="FirstFreeCode"/>).</summary>
    private readonly short[] _extensions = new short[TableSize << 8];

    /// <summary>Which <see cref="_extensions"/> slot each assigned code used, so a reset touches only those.</summary>
    private readonly int[] _slotOfCode = new int[TableSize];

    private readonly byte[] _block = new byte[255];
    private int _blockLength;
    private int _bitBuffer;
    private int _bitCount;

    /// <summary>Writes the image data: the minimum code size byte, the sub-blocks and the zero-length terminator.</summary>
    public void Encode(ReadOnlySpan<byte> indices, Stream output)
    {
        if (indices.IsEmpty) throw new ArgumentException("A GIF frame needs at least one pixel.", nameof(indices));
        output.WriteByte(MinimumCodeSize);
        _blockLength = 0;
        _bitBuffer = 0;
        _bitCount = 0;

        int codeSize = MinimumCodeSize + 1;
        int nextCode = FirstFreeCode;
        Emit(ClearCode, codeSize, output);
        int prefix = indices[0];
        for (int i = 1; i < indices.Length; i++)
        {
            int index = indices[i];
            int slot = prefix << 8 | index;
            int known = _extensions[slot];
            if (known != 0)
            {
                prefix = known;
                continue;
            }
            Emit(prefix, codeSize, output);
            if (nextCode == TableSize)
            {
                Emit(ClearCode, codeSize, output);
                ForgetCodes(nextCode);
                codeSize = MinimumCodeSize + 1;
                nextCode = FirstFreeCode;
            }
            else
            {
                // The decoder adds this string only after reading the next code, so the width grows one code late.
                if (nextCode >= 1 << codeSize) codeSize++;
                _extensions[slot] = (short)nextCode;
                _slotOfCode[nextCode] = slot;
                nextCode++;
            }
            prefix = index;
        }
        Emit(prefix, codeSize, output);
        // The decoder still adds an entry for that last code and may widen before it reads the end code.
        if (nextCode < TableSize && nextCode >= 1 << codeSize && codeSize < MaxCodeSize) codeSize++;
        Emit(EndCode, codeSize, output);
        ForgetCodes(nextCode);

        if (_bitCount > 0) AppendByte((byte)_bitBuffer, output);
        FlushBlock(output);
        output.WriteByte(0);
    }

    private void Emit(int code, int codeSize, Stream output)
    {
        _bitBuffer |= code << _bitCount;
        _bitCount += codeSize;
        while (_bitCount >= 8)
        {
            AppendByte((byte)_bitBuffer, output);
            _bitBuffer >>= 8;
            _bitCount -= 8;
        }
    }

    private void AppendByte(byte value, Stream output)
    {
        _block[_blockLength++] = value;
        if (_blockLength == _block.Length) FlushBlock(output);
    }

    private void FlushBlock(Stream output)
    {
        if (_blockLength == 0) return;
        output.WriteByte((byte)_blockLength);
        output.Write(_block, 0, _blockLength);
        _blockLength = 0;
    }

    private void ForgetCodes(int nextCode)
    {
        for (int code = FirstFreeCode; code < nextCode; code++) _extensions[_slotOfCode[code]] = 0;
    }
}
