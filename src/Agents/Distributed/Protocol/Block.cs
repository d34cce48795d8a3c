using System.Runtime.InteropServices;

namespace HyperRL.Agents.Distributed.Protocol;

/// <summary>
/// An array of numbers on the wire as its raw bytes (this machine's byte order; learner and workers are x86-64 or
/// ARM64, both little-endian): Orleans copies a byte[] as one block, while its codec for other arrays writes every
/// element with a field header, which made a 600 KB parameter vector cost about 10 ms a message.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Block<T>([property: Id(0)] byte[] Bytes) where T : unmanaged
{
    public static Block<T> Of(ReadOnlySpan<T> values) => new(MemoryMarshal.AsBytes(values).ToArray());

    public ReadOnlySpan<T> Span => MemoryMarshal.Cast<byte, T>(Bytes);

    public int Length => Bytes.Length / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    public T[] ToArray() => Span.ToArray();
}
