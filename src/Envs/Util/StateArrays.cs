using System.Runtime.InteropServices;

namespace HyperRL.Envs.Util;

/// <summary>
/// Length-prefixed raw arrays for state snapshots: the values' bytes as they lie in memory (little-endian on every
/// platform .NET runs on), so a snapshot of many floats costs one copy, and a length mismatch is caught on reading.
/// </summary>
public static class StateArrays
{
    public static void Write<T>(BinaryWriter writer, ReadOnlySpan<T> values) where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Reads into <paramref name="destination"/>, which must have the saved length.</summary>
    public static void Read<T>(BinaryReader reader, Span<T> destination, string what) where T : unmanaged
    {
        int length = reader.ReadInt32();
        if (length != destination.Length)
            throw new InvalidDataException($"saved {what} has {length} values, expected {destination.Length}");
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(destination));
    }
}
