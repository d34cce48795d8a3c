using System.Globalization;
using System.Text.RegularExpressions;

namespace HyperRL.Agents.Runs.TensorBoard;

/// <summary>
/// One event file, <c>events.out.tfevents.SECONDS.HOST.PID.N</c> (the name TensorFlow and PyTorch writers use; readers
/// only look for "tfevents"), opened by each training session. Records are flushed as written, so a live TensorBoard
/// sees them and a crash loses at most the record being written.
/// </summary>
internal sealed partial class EventFileWriter : IDisposable
{
    private const string Prefix = "events.out.tfevents.";
    private static int _sequence;
    private readonly FileStream _stream;

    private EventFileWriter(string path)
    {
        Path = path;
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 14);
    }

    public string Path { get; }

    /// <summary>
    /// A new file in <paramref name="directory"/> whose name sorts after every event file already there. TensorBoard
    /// reads a directory's files in name order and a series' point at a step it has seen before replaces the later
    /// ones: two sessions started in the same second (or a clock set back) must still be read in the order they ran,
    /// so the timestamp in the name is at least one more than the latest one present.
    /// </summary>
    public static EventFileWriter Create(string directory, double wallTime)
    {
        Directory.CreateDirectory(directory);
        long seconds = (long)Math.Floor(wallTime);
        foreach (string file in Directory.EnumerateFiles(directory, Prefix + "*"))
            if (Stamp().Match(System.IO.Path.GetFileName(file)) is { Success: true } m && long.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out long taken))
                seconds = Math.Max(seconds, taken + 1);
        string name = string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}{seconds:D10}.{Environment.MachineName}.{Environment.ProcessId}.{Interlocked.Increment(ref _sequence)}");
        var writer = new EventFileWriter(System.IO.Path.Combine(directory, name));
        writer.Write(EventProto.FileVersionEvent(wallTime));
        return writer;
    }

    public static bool IsEventFile(string path) => System.IO.Path.GetFileName(path).Contains("tfevents", StringComparison.Ordinal);

    public void Write(ReadOnlySpan<byte> eventBytes)
    {
        TfRecord.Write(_stream, eventBytes);
        _stream.Flush();
    }

    public void Dispose() => _stream.Dispose();

    [GeneratedRegex(@"^events\.out\.tfevents\.(\d+)\.")]
    private static partial Regex Stamp();
}
