namespace HyperRL.HyperPolicy.Hypernetworks;

/// <summary>Exact raw descriptor values, usable as a dictionary key.</summary>
internal readonly struct DescriptorKey(float[] values) : IEquatable<DescriptorKey>
{
    public float[] Values { get; } = values;

    public bool Equals(DescriptorKey other) => Values.AsSpan().SequenceEqual(other.Values);

    public override bool Equals(object? obj) => obj is DescriptorKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Values.AsSpan()));
        return hash.ToHashCode();
    }
}
