using System.Globalization;
using System.Text;

namespace HyperRL.Agents.Training;

/// <summary>
/// An append-only CSV file with a fixed header, flushed after every row so a crash loses at most the row being
/// written. Values use the invariant culture.
/// </summary>
public sealed class CsvLog : IDisposable
{
    private readonly StreamWriter _writer;

    public CsvLog(string path, IReadOnlyList<string> header)
    {
        Header = header;
        bool exists = File.Exists(path) && new FileInfo(path).Length > 0;
        if (exists)
        {
            string firstLine = File.ReadLines(path).First();
            if (firstLine != string.Join(",", header))
                throw new InvalidOperationException($"{path} has columns '{firstLine}', expected '{string.Join(",", header)}'.");
        }
        _writer = new StreamWriter(path, append: true, new UTF8Encoding(false));
        if (!exists) _writer.WriteLine(string.Join(",", header));
        _writer.Flush();
    }

    public IReadOnlyList<string> Header { get; }

    public void Write(params object[] values)
    {
        if (values.Length != Header.Count) throw new ArgumentException($"Row has {values.Length} values, header has {Header.Count}.");
        _writer.WriteLine(string.Join(",", values.Select(Format)));
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>Keeps the header and the rows whose first column (the env step) is at most <paramref name="maxStep"/>.</summary>
    public static void TruncateAfterStep(string path, long maxStep)
    {
        if (!File.Exists(path)) return;
        var lines = File.ReadAllLines(path);
        var kept = lines.Take(1).Concat(lines.Skip(1).Where(line =>
            long.TryParse(line.Split(',')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long step) && step <= maxStep));
        AtomicFile.WriteAllText(path, string.Join("\n", kept) + "\n");
    }

    private static string Format(object value) => value switch
    {
        double d => d.ToString("G9", CultureInfo.InvariantCulture),
        float f => f.ToString("G7", CultureInfo.InvariantCulture),
        string s => s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
