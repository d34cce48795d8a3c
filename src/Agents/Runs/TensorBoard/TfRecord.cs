using System.Buffers.Binary;

namespace HyperRL.Agents.Runs.TensorBoard;

/// <summary>
/// TFRecord framing, the container of TensorBoard event files: each record is its length (uint64, little-endian), the
/// masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data.
/// </summary>
internal static class TfRecord
{
    private const int HeaderSize = 12;
    private const int FooterSize = 4;

    public static void Write(Stream stream, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], MaskedCrc32C.Compute(header[..8]));
        Span<byte> footer = stackalloc byte[FooterSize];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, MaskedCrc32C.Compute(data));
        stream.Write(header);
        stream.Write(data);
        stream.Write(footer);
    }

    /// <summary>
    /// The records of <paramref name="bytes"/> up to the first that is cut short (a writer killed mid-record) or fails
    /// a checksum: TensorBoard stops reading a file there too, so what follows is never shown.
    /// </summary>
    public static List<byte[]> ReadValid(ReadOnlySpan<byte> bytes)
    {
        var records = new List<byte[]>();
        int offset = 0;
        while (bytes.Length - offset >= HeaderSize)
        {
            var header = bytes.Slice(offset, HeaderSize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) != MaskedCrc32C.Compute(header[..8])) break;
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            int available = bytes.Length - offset - HeaderSize - FooterSize;
            if (available < 0 || length > (ulong)available) break;
            var data = bytes.Slice(offset + HeaderSize, (int)length);
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes[(offset + HeaderSize + (int)length)..]) != MaskedCrc32C.Compute(data)) break;
            records.Add(data.ToArray());
            offset += HeaderSize + (int)length + FooterSize;
        }
        return records;
    }
}
