using System.Buffers.Binary;
using System.Text;

namespace HyperRL.Agents.Runs.TensorBoard;

/// <summary>
/// The protobuf wire format, as far as event files need it: varints, 64- and 32-bit fixed fields and length-delimited
/// fields (strings, bytes, nested messages). Field numbers come from TensorBoard's protos (see <see cref="EventProto"/>).
/// </summary>
internal sealed class ProtoWriter
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    private readonly MemoryStream _buffer = new();

    public ProtoWriter Double(int field, double value)
    {
        Key(field, Fixed64);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        _buffer.Write(bytes);
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Key(field, Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
        return this;
    }

    /// <summary>int64, int32 and enum fields (a negative value takes ten bytes, as protobuf specifies).</summary>
    public ProtoWriter Int64(int field, long value)
    {
        Key(field, Varint);
        WriteVarint((ulong)value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public ProtoWriter Message(int field, Action<ProtoWriter> fill)
    {
        var nested = new ProtoWriter();
        fill(nested);
        return Bytes(field, nested.ToArray());
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void Key(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
