namespace HyperRL.Agents.Runs.TensorBoard;

/// <summary>
/// Walks the fields of one protobuf message: enough for <see cref="EventProto.Peek"/> to find an event's step and tags
/// when a resumed run trims its earlier event files. Malformed input throws <see cref="InvalidDataException"/>.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> message)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _message = message;
    private int _offset;

    public bool Next(out int field, out int wireType)
    {
        if (_offset >= _message.Length)
        {
            field = 0;
            wireType = 0;
            return false;
        }
        ulong key = ReadVarint();
        field = (int)(key >> 3);
        wireType = (int)(key & 7);
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = Take(1)[0];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("a protobuf varint is longer than ten bytes");
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_message.Length - _offset)) throw new InvalidDataException("a protobuf field runs past its message");
        return Take((int)length);
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint: ReadVarint(); break;
            case Fixed64: Take(8); break;
            case LengthDelimited: ReadLengthDelimited(); break;
            case Fixed32: Take(4); break;
            default: throw new InvalidDataException($"protobuf wire type {wireType} is not used by event files");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _message.Length - _offset) throw new InvalidDataException("a protobuf message ends inside a field");
        var taken = _message.Slice(_offset, count);
        _offset += count;
        return taken;
    }
}
