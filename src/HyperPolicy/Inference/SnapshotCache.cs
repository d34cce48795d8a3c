using HyperRL.HyperPolicy.Hypernetworks;

namespace HyperRL.HyperPolicy.Inference;

/// <summary>
/// Snapshots per raw descriptor, built on first use. Consecutive rows usually share a descriptor (one env family
/// member per episode), so the last one is checked before the dictionary.
/// </summary>
internal sealed class SnapshotCache<T>(Func<float[], T> build) where T : class
{
    /// <summary>Bounds memory when descriptors are continuous and never repeat.</summary>
    public const int MaxEntries = 4096;

    private readonly Dictionary<DescriptorKey, T> entries = [];
    private float[]? lastDescriptor;
    private T? last;

    public int Count => entries.Count;

    public T For(ReadOnlySpan<float> descriptor)
    {
        if (last is not null && descriptor.SequenceEqual(lastDescriptor)) return last;
        var key = new DescriptorKey(descriptor.ToArray());
        if (!entries.TryGetValue(key, out var snapshot))
        {
            if (entries.Count >= MaxEntries) entries.Clear();
            snapshot = build(key.Values);
            entries[key] = snapshot;
        }
        (lastDescriptor, last) = (key.Values, snapshot);
        return snapshot;
    }

    public void Clear()
    {
        entries.Clear();
        (lastDescriptor, last) = (null, null);
    }
}
