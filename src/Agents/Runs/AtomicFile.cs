using System.Text;

namespace HyperRL.Agents.Runs;

/// <summary>
/// Writes files and directories through a temporary sibling and a rename, so readers see either the old or the new
/// version, never half of one, and a failed write leaves the previous version untouched. Data is flushed to disk
/// before the rename that publishes it, so a crash or power loss cannot publish an empty file.
/// </summary>
public static class AtomicFile
{
    private const string TemporaryTag = ".tmp-";
    private const string ReadyTag = ".ready-";
    private const string OldTag = ".old-";

    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });

    public static void Write(string path, Action<Stream> write) =>
        WriteVia(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
        });

    /// <summary>For writers that take a file name (a plotting library, a model saver): they write the temporary path.</summary>
    public static void WriteVia(string path, Action<string> writeTemporaryFile)
    {
        string fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath)) throw new IOException($"'{path}' is a directory, not a file name");
        string directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        // The temporary keeps the extension: some writers choose the format from it.
        string temporary = Path.Combine(directory, $".{Path.GetFileNameWithoutExtension(fullPath)}{TemporaryTag}{Guid.NewGuid():N}{Path.GetExtension(fullPath)}");
        try
        {
            writeTemporaryFile(temporary);
            FlushToDisk(temporary);
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>
    /// Builds a directory through <paramref name="fill"/> in a temporary sibling, then swaps it into place:
    /// <c>.NAME.tmp-*</c> is filled and flushed, renamed <c>.NAME.ready-*</c> (complete), the current directory moves to
    /// <c>.NAME.old-*</c>, the ready one takes its place, the old one is deleted. A process killed at any point leaves
    /// something <see cref="Recover"/> puts right.
    /// </summary>
    public static void ReplaceDirectory(string path, Action<string> fill)
    {
        string full = Path.GetFullPath(path);
        string parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        string id = Guid.NewGuid().ToString("N");
        string temporary = Sibling(full, TemporaryTag, id);
        Directory.CreateDirectory(temporary);
        try
        {
            fill(temporary);
            foreach (string file in Directory.EnumerateFiles(temporary, "*", SearchOption.AllDirectories)) FlushToDisk(file);
        }
        catch
        {
            Directory.Delete(temporary, recursive: true);
            throw;
        }
        string ready = Sibling(full, ReadyTag, id);
        Directory.Move(temporary, ready);
        string? old = null;
        if (Directory.Exists(full))
        {
            old = Sibling(full, OldTag, id);
            Directory.Move(full, old);
        }
        Directory.Move(ready, full);
        if (old != null) Directory.Delete(old, recursive: true);
    }

    /// <summary>
    /// Puts right what a swap cut short (see <see cref="ReplaceDirectory"/>): with the directory missing, the complete
    /// new version takes its place, else the old one; then every leftover sibling of the swap is deleted.
    /// </summary>
    public static void Recover(string path)
    {
        string full = Path.GetFullPath(path);
        string parent = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(parent)) return;
        string name = Path.GetFileName(full);
        var leftovers = Directory.GetDirectories(parent, $".{name}.*").Order(StringComparer.Ordinal).ToList();
        if (!Directory.Exists(full))
        {
            string? replacement = leftovers.FirstOrDefault(d => Path.GetFileName(d).StartsWith($".{name}{ReadyTag}", StringComparison.Ordinal))
                                  ?? leftovers.FirstOrDefault(d => Path.GetFileName(d).StartsWith($".{name}{OldTag}", StringComparison.Ordinal));
            if (replacement != null)
            {
                Directory.Move(replacement, full);
                leftovers.Remove(replacement);
            }
        }
        foreach (string leftover in leftovers)
        {
            string leftoverName = Path.GetFileName(leftover);
            if (leftoverName.StartsWith($".{name}{TemporaryTag}", StringComparison.Ordinal) || leftoverName.StartsWith($".{name}{ReadyTag}", StringComparison.Ordinal)
                || leftoverName.StartsWith($".{name}{OldTag}", StringComparison.Ordinal))
                Directory.Delete(leftover, recursive: true);
        }
    }

    private static string Sibling(string full, string tag, string id) =>
        Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}{tag}{id}");

    private static void FlushToDisk(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        stream.Flush(flushToDisk: true);
    }
}
