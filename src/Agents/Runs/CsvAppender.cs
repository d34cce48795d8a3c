using System.Text;
using nietras.SeparatedValues;

namespace HyperRL.Agents.Runs;

/// <summary>
/// An append-only CSV file with a fixed header (written at once, checked when the file already exists), flushed after
/// every row so a crash loses at most the row being written.
/// </summary>
internal sealed class CsvAppender : IDisposable
{
    private readonly StreamWriter _stream;
    private readonly SepWriter _writer;

    public CsvAppender(string path, IReadOnlyList<string> header)
    {
        Header = header;
        string expected = string.Join(",", header);
        bool exists = File.Exists(path) && new FileInfo(path).Length > 0;
        if (exists && File.ReadLines(path).First() is var found && found != expected)
            throw new InvalidOperationException($"{path} has the columns '{found}', this run writes '{expected}' (a file of another run or HyperRL version?)");
        _stream = new StreamWriter(path, append: true, new UTF8Encoding(false));
        if (!exists) _stream.WriteLine(expected);
        _stream.Flush();
        _writer = Sep.New(',').Writer(o => o with { WriteHeader = false }).To(_stream, leaveOpen: true);
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>A row to fill by column index; dispose it, then call <see cref="Flush"/>.</summary>
    public SepWriter.Row NewRow() => _writer.NewRow();

    public void Flush()
    {
        _writer.Flush();
        _stream.Flush();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}
