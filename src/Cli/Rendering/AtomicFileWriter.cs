namespace HyperRL.Cli.Rendering;

/// <summary>Writes a file through a temporary sibling and a rename, so readers never see a half-written file and a
/// failed write leaves any previous version untouched.</summary>
public static class AtomicFileWriter
{
    public static void Write(string path, Action<Stream> write)
    {
        string fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath)) throw new IOException($"'{path}' is a directory, not a file name");
        string directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
