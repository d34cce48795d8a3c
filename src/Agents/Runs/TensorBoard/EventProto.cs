using System.Text;

namespace HyperRL.Agents.Runs.TensorBoard;

/// <summary>
/// The <c>tensorboard.Event</c> messages a run writes, encoded by hand from TensorBoard's protos
/// (tensorboard/compat/proto/event.proto, summary.proto, tensor.proto, tensor_shape.proto; the text plugin's
/// metadata from tensorboard/plugins/text): Event {wall_time = 1 (double), step = 2 (int64), file_version = 3 (string),
/// summary = 5}; Summary {value = 1 (repeated)}; Summary.Value {tag = 1, simple_value = 2 (float), tensor = 8,
/// metadata = 9}; SummaryMetadata {plugin_data = 1 {plugin_name = 1, content = 2}, data_class = 4}; TensorProto
/// {dtype = 1, tensor_shape = 2, string_val = 8}.
/// </summary>
internal static class EventProto
{
    /// <summary>The first record of every event file; readers check the "brain.Event:" prefix.</summary>
    public const string FileVersion = "brain.Event:2";

    private const int EventWallTime = 1;
    private const int EventStep = 2;
    private const int EventFileVersion = 3;
    private const int EventSummary = 5;
    private const int SummaryValue = 1;
    private const int ValueTag = 1;
    private const int ValueSimpleValue = 2;
    private const int ValueTensor = 8;
    private const int ValueMetadata = 9;
    private const int MetadataPluginData = 1;
    private const int MetadataDataClass = 4;
    private const int PluginName = 1;
    private const int TensorDtype = 1;
    private const int TensorShape = 2;
    private const int TensorStringVal = 8;

    private const int DataClassTensor = 2;
    private const int DtString = 7;
    private const string TextPlugin = "text";

    public static byte[] FileVersionEvent(double wallTime) =>
        new ProtoWriter().Double(EventWallTime, wallTime).String(EventFileVersion, FileVersion).ToArray();

    /// <summary>Scalars of one step as <c>simple_value</c>s of one summary: every TensorBoard (and tensorboardX, PyTorch,
    /// SB3) reads them as scalar series.</summary>
    public static byte[] ScalarsEvent(double wallTime, long step, IReadOnlyList<(string Tag, float Value)> values) =>
        SummaryEvent(wallTime, step, s =>
        {
            foreach (var (tag, value) in values) s.Message(SummaryValue, v => v.String(ValueTag, tag).Float(ValueSimpleValue, value));
        });

    /// <summary>Markdown for the text plugin: a rank-0 string tensor, the plugin named in the metadata (its content, a
    /// TextPluginData of version 0, encodes to nothing) and the tensor data class stated for readers that need it.</summary>
    public static byte[] TextEvent(double wallTime, long step, string tag, string markdown) =>
        SummaryEvent(wallTime, step, s => s.Message(SummaryValue, v => v
            .String(ValueTag, tag)
            .Message(ValueMetadata, m => m
                .Message(MetadataPluginData, p => p.String(PluginName, TextPlugin))
                .Int64(MetadataDataClass, DataClassTensor))
            .Message(ValueTensor, t => t
                .Int64(TensorDtype, DtString)
                .Message(TensorShape, _ => { })
                .Bytes(TensorStringVal, Encoding.UTF8.GetBytes(markdown)))));

    private static byte[] SummaryEvent(double wallTime, long step, Action<ProtoWriter> summary) =>
        new ProtoWriter()
            .Double(EventWallTime, wallTime)
            .Int64(EventStep, step)
            .Message(EventSummary, summary)
            .ToArray();

    /// <summary>An event's step and the tags of its summary values (none for the file-version record).</summary>
    public static (long Step, List<string> Tags) Peek(ReadOnlySpan<byte> eventBytes)
    {
        long step = 0;
        var tags = new List<string>();
        var reader = new ProtoReader(eventBytes);
        while (reader.Next(out int field, out int wireType))
        {
            if (field == EventStep && wireType == ProtoReader.Varint) step = (long)reader.ReadVarint();
            else if (field == EventSummary && wireType == ProtoReader.LengthDelimited) AddTags(reader.ReadLengthDelimited(), tags);
            else reader.Skip(wireType);
        }
        return (step, tags);
    }

    private static void AddTags(ReadOnlySpan<byte> summary, List<string> tags)
    {
        var reader = new ProtoReader(summary);
        while (reader.Next(out int field, out int wireType))
        {
            if (field != SummaryValue || wireType != ProtoReader.LengthDelimited)
            {
                reader.Skip(wireType);
                continue;
            }
            var value = new ProtoReader(reader.ReadLengthDelimited());
            while (value.Next(out int valueField, out int valueWire))
            {
                if (valueField == ValueTag && valueWire == ProtoReader.LengthDelimited) tags.Add(Encoding.UTF8.GetString(value.ReadLengthDelimited()));
                else value.Skip(valueWire);
            }
        }
    }
}
