using System.Buffers.Binary;
using System.Text;

namespace HyperRL.Agents.Tests.Runs.TensorBoard;

/// <summary>One Summary.Value as a test reads it: a scalar (simple_value) or a text tensor (string_val), with its plugin metadata.</summary>
internal sealed record EventValue(string Tag, float? Scalar, string? Text, string? PluginName, long? DataClass, int? TensorDtype, int? TensorRank);

/// <summary>One Event record of an event file.</summary>
internal sealed record EventRecord(string File, double WallTime, long Step, string? FileVersion, IReadOnlyList<EventValue> Values);

/// <summary>
/// Reads TensorBoard event files the way TensorBoard does, written here from the formats rather than with the production
/// writer's code (so a bug in one is not mirrored in the other): TFRecord framing with the length and data checksums
/// (masked CRC-32C, computed bit by bit) both checked, and the Event, Summary, Value, SummaryMetadata and TensorProto
/// messages decoded from the protobuf wire format (varint, 64-bit, length-delimited, 32-bit fields). Anything malformed,
/// including a record cut short, fails the test.
/// </summary>
internal static class EventFileReader
{
    public static IReadOnlyList<string> Files(string directory) =>
        Directory.GetFiles(directory).Where(f => Path.GetFileName(f).Contains("tfevents")).Order(StringComparer.Ordinal).ToList();

    /// <summary>Every record of every event file of <paramref name="directory"/>, files in name order (TensorBoard's order).</summary>
    public static List<EventRecord> ReadDirectory(string directory) => Files(directory).SelectMany(ReadFile).ToList();

    public static List<EventRecord> ReadFile(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var events = new List<EventRecord>();
        int offset = 0;
        while (offset < bytes.Length)
        {
            if (bytes.Length - offset < 12) throw new InvalidDataException($"{path}: {bytes.Length - offset} stray bytes at {offset}");
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset));
            uint lengthCrc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8));
            if (lengthCrc != MaskedCrc(bytes.AsSpan(offset, 8))) throw new InvalidDataException($"{path}: bad length checksum at {offset}");
            if (length > (ulong)(bytes.Length - offset - 16)) throw new InvalidDataException($"{path}: record at {offset} is cut short");
            var data = bytes.AsSpan(offset + 12, (int)length);
            uint dataCrc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 12 + (int)length));
            if (dataCrc != MaskedCrc(data)) throw new InvalidDataException($"{path}: bad data checksum at {offset}");
            events.Add(DecodeEvent(path, data));
            offset += 16 + (int)length;
        }
        return events;
    }

    /// <summary>CRC-32C (reflected polynomial 0x82F63B78), one bit at a time.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
        }
        return ~crc;
    }

    public static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        uint crc = Crc32C(data);
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8;
    }

    // event.proto: wall_time = 1 (double), step = 2 (int64), file_version = 3 (string), summary = 5.
    private static EventRecord DecodeEvent(string path, ReadOnlySpan<byte> data)
    {
        double wallTime = 0;
        long step = 0;
        string? fileVersion = null;
        var values = new List<EventValue>();
        foreach (var field in Fields(data))
        {
            switch (field.Number, field.WireType)
            {
                case (1, 1): wallTime = BitConverter.Int64BitsToDouble((long)field.Fixed); break;
                case (2, 0): step = (long)field.Varint; break;
                case (3, 2): fileVersion = Encoding.UTF8.GetString(field.Bytes); break;
                case (5, 2):
                    // summary.proto: Summary.value = 1 (repeated Value).
                    foreach (var value in Fields(field.Bytes))
                        if (value is { Number: 1, WireType: 2 }) values.Add(DecodeValue(value.Bytes));
                    break;
            }
        }
        return new EventRecord(path, wallTime, step, fileVersion, values);
    }

    // Summary.Value: tag = 1, simple_value = 2 (float), tensor = 8 (TensorProto), metadata = 9 (SummaryMetadata).
    private static EventValue DecodeValue(byte[] data)
    {
        string tag = "";
        float? scalar = null;
        string? text = null, plugin = null;
        long? dataClass = null;
        int? dtype = null, rank = null;
        foreach (var field in Fields(data))
        {
            switch (field.Number, field.WireType)
            {
                case (1, 2): tag = Encoding.UTF8.GetString(field.Bytes); break;
                case (2, 5): scalar = BitConverter.Int32BitsToSingle((int)field.Fixed); break;
                case (8, 2):
                    // TensorProto: dtype = 1, tensor_shape = 2 (TensorShapeProto, dim = 2 repeated), string_val = 8.
                    rank = 0;
                    foreach (var t in Fields(field.Bytes))
                    {
                        if (t is { Number: 1, WireType: 0 }) dtype = (int)t.Varint;
                        if (t is { Number: 2, WireType: 2 }) rank = Fields(t.Bytes).Count(d => d.Number == 2);
                        if (t is { Number: 8, WireType: 2 }) text = Encoding.UTF8.GetString(t.Bytes);
                    }
                    break;
                case (9, 2):
                    // SummaryMetadata: plugin_data = 1 (PluginData: plugin_name = 1), data_class = 4.
                    foreach (var m in Fields(field.Bytes))
                    {
                        if (m is { Number: 1, WireType: 2 })
                            foreach (var p in Fields(m.Bytes))
                                if (p is { Number: 1, WireType: 2 }) plugin = Encoding.UTF8.GetString(p.Bytes);
                        if (m is { Number: 4, WireType: 0 }) dataClass = (long)m.Varint;
                    }
                    break;
            }
        }
        return new EventValue(tag, scalar, text, plugin, dataClass, dtype, rank);
    }

    private sealed record Field(int Number, int WireType, ulong Varint, ulong Fixed, byte[] Bytes);

    private static List<Field> Fields(ReadOnlySpan<byte> message)
    {
        var fields = new List<Field>();
        int offset = 0;
        while (offset < message.Length)
        {
            ulong key = Varint(message, ref offset);
            int number = (int)(key >> 3), wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0: fields.Add(new Field(number, 0, Varint(message, ref offset), 0, [])); break;
                case 1:
                    fields.Add(new Field(number, 1, 0, BinaryPrimitives.ReadUInt64LittleEndian(message.Slice(offset, 8)), []));
                    offset += 8;
                    break;
                case 2:
                    int length = checked((int)Varint(message, ref offset));
                    fields.Add(new Field(number, 2, 0, 0, message.Slice(offset, length).ToArray()));
                    offset += length;
                    break;
                case 5:
                    fields.Add(new Field(number, 5, 0, BinaryPrimitives.ReadUInt32LittleEndian(message.Slice(offset, 4)), []));
                    offset += 4;
                    break;
                default: throw new InvalidDataException($"wire type {wireType} (field {number})");
            }
        }
        if (offset != message.Length) throw new InvalidDataException("a field runs past its message");
        return fields;
    }

    private static ulong Varint(ReadOnlySpan<byte> message, ref int offset)
    {
        ulong value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            byte b = message[offset++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("varint longer than ten bytes");
    }
}

/// <summary>Queries over decoded records.</summary>
internal static class EventRecords
{
    public static List<(long Step, float Value)> Scalars(this IEnumerable<EventRecord> events, string tag) =>
        events.SelectMany(e => e.Values.Where(v => v.Tag == tag && v.Scalar is not null).Select(v => (e.Step, v.Scalar!.Value))).ToList();

    public static IEnumerable<string> Tags(this IEnumerable<EventRecord> events) => events.SelectMany(e => e.Values.Select(v => v.Tag)).Distinct();
}
