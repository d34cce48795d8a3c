namespace HyperRL.Agents.Training;

/// <summary>
/// The binary files of a checkpoint (generators, env states, replay): a magic word and format version first, so an
/// unrelated or truncated file fails with a message naming it rather than as garbage state.
/// </summary>
public static class CheckpointBinary
{
    private const uint Magic = 0x4C525948; // "HYRL"
    private const int Version = 1;

    public static void Write(string path, Action<BinaryWriter> write)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new BinaryWriter(stream);
        writer.Write(Magic);
        writer.Write(Version);
        write(writer);
    }

    /// <summary>Reads <paramref name="name"/> of <paramref name="directory"/>; a missing, foreign, short or overlong file
    /// is one error naming it (<see cref="CheckpointFile"/>).</summary>
    public static void Read(string directory, string name, Action<BinaryReader> read) =>
        CheckpointFile.Load(directory, name, path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(stream);
            if (reader.ReadUInt32() != Magic) throw new InvalidDataException("not a HyperRL state file");
            int version = reader.ReadInt32();
            if (version != Version) throw new InvalidDataException($"state format {version}, this build reads {Version}");
            read(reader);
            if (stream.Position != stream.Length) throw new InvalidDataException($"{stream.Length - stream.Position} bytes left over");
        });
}
