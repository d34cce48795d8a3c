using System.Text;

namespace HyperRL.Agents.Runs;

/// <summary>
/// Writes files and directories through a temporary sibling and a rename, so readers see either the old or the new
/// version, never half of one, and a failed write leaves the previous version untouched.
/// </summary>
public static class AtomicFile
{
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
        string temporary = Path.Combine(directory, $".{Path.GetFileNameWithoutExtension(fullPath)}.tmp-{Guid.NewGuid():N}{Path.GetExtension(fullPath)}");
        try
        {
            writeTemporaryFile(temporary);
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Builds a directory through <paramref name="fill"/> in a temporary sibling, then swaps it into place.</summary>
    public static void ReplaceDirectory(string path, Action<string> fill)
    {
        string full = Path.GetFullPath(path);
        string parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        string temp = Path.Combine(parent, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            fill(temp);
        }
        catch
        {
            Directory.Delete(temp, recursive: true);
            throw;
        }
        string? old = null;
        if (Directory.Exists(full))
        {
            old = Path.Combine(parent, $".{Path.GetFileName(full)}.old-{Guid.NewGuid():N}");
            Directory.Move(full, old);
        }
        Directory.Move(temp, full);
        if (old != null) Directory.Delete(old, recursive: true);
    }
}
