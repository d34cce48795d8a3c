using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Hypernetworks;

/// <summary>
/// The distinct descriptor rows of a batch and, for every row, the index of its distinct descriptor.
/// A rollout batch has few distinct descriptors, so weights are generated once per distinct one.
/// Done on the CPU values (also needed as cache keys) rather than with torch.unique.
/// Descriptors without values (a meta tensor: shapes only) cannot be compared: then every row is its own group,
/// which computes the same outputs as any grouping (grouping only saves work), and there are no keys to cache by.
/// </summary>
internal sealed class DescriptorGroups
{
    private DescriptorGroups(IReadOnlyList<DescriptorKey>? keys, int count, long[] inverse) => (Keys, Count, Inverse) = (keys, count, inverse);

    /// <summary>The distinct descriptors' values, in group order; null when the descriptors had no values to read.</summary>
    public IReadOnlyList<DescriptorKey>? Keys { get; }

    /// <summary>Number of groups.</summary>
    public int Count { get; }

    /// <summary>For each batch row, the index of its group.</summary>
    public long[] Inverse { get; }

    public static DescriptorGroups Of(Tensor descriptors)
    {
        var rows = (int)descriptors.shape[0];
        var width = (int)descriptors.shape[1];
        var inverse = new long[rows];
        if (!HostValues.HasData(descriptors))
        {
            for (var row = 0; row < rows; row++) inverse[row] = row;
            return new DescriptorGroups(null, rows, inverse);
        }
        var values = HostValues.Copy(descriptors);
        var indexOf = new Dictionary<DescriptorKey, int>();
        var unique = new List<DescriptorKey>();
        for (var row = 0; row < rows; row++)
        {
            var key = new DescriptorKey(values.AsSpan(row * width, width).ToArray());
            if (!indexOf.TryGetValue(key, out var index))
            {
                index = unique.Count;
                indexOf.Add(key, index);
                unique.Add(key);
            }
            inverse[row] = index;
        }
        return new DescriptorGroups(unique, unique.Count, inverse);
    }

    /// <summary>Groups of rows by an integer label per row (in order of first appearance), without descriptor keys:
    /// for batches whose rows share one descriptor and differ in something else (an architecture index).</summary>
    public static DescriptorGroups ByLabel(IReadOnlyList<int> labels)
    {
        var indexOf = new Dictionary<int, int>();
        var inverse = new long[labels.Count];
        for (var row = 0; row < labels.Count; row++)
        {
            if (!indexOf.TryGetValue(labels[row], out var index)) indexOf.Add(labels[row], index = indexOf.Count);
            inverse[row] = index;
        }
        return new DescriptorGroups(null, indexOf.Count, inverse);
    }

    /// <summary>One descriptor per group [Count, d], on the device of <paramref name="descriptors"/> (the batch they were grouped from).</summary>
    public Tensor Distinct(Tensor descriptors) => Keys is null ? descriptors : ToTensor(Keys, descriptors.device);

    /// <summary>Row indices ordered by group (stable), and the number of rows of each group.</summary>
    public (long[] Order, long[] Counts) RowsByGroup()
    {
        var counts = new long[Count];
        foreach (var group in Inverse) counts[group]++;
        var next = new long[Count];
        for (var g = 1; g < counts.Length; g++) next[g] = next[g - 1] + counts[g - 1];
        var order = new long[Inverse.Length];
        for (var row = 0; row < Inverse.Length; row++) order[next[Inverse[row]]++] = row;
        return (order, counts);
    }

    /// <summary>
    /// A [groups x padded size] layout of the rows, each group's rows in order then padding: Gather lists, slot by slot,
    /// the row that fills it (padding repeats the group's first row), SlotOfRow the slot of every row.
    /// </summary>
    public (long[] Gather, long[] SlotOfRow, int PaddedSize) PaddedSlots()
    {
        var counts = new int[Count];
        foreach (var group in Inverse) counts[group]++;
        var paddedSize = counts.Max();
        var gather = new long[Count * paddedSize];
        var slotOfRow = new long[Inverse.Length];
        var filled = new int[Count];
        for (var row = 0; row < Inverse.Length; row++)
        {
            var group = (int)Inverse[row];
            var slot = group * paddedSize + filled[group]++;
            gather[slot] = row;
            slotOfRow[row] = slot;
        }
        for (var group = 0; group < counts.Length; group++)
            for (var k = counts[group]; k < paddedSize; k++) gather[group * paddedSize + k] = gather[group * paddedSize];
        return (gather, slotOfRow, paddedSize);
    }

    /// <summary>The key of one descriptor [d]; null when it has no values to read.</summary>
    public static DescriptorKey? KeyOf(Tensor descriptor) => HostValues.HasData(descriptor) ? new DescriptorKey(HostValues.Copy(descriptor)) : null;

    /// <summary>The keys' values as [keys, d] on <paramref name="device"/>, where they meet the network's parameters.</summary>
    public static Tensor ToTensor(IReadOnlyList<DescriptorKey> keys, Device device)
    {
        var width = keys[0].Values.Length;
        var flat = new float[keys.Count * width];
        for (var i = 0; i < keys.Count; i++) keys[i].Values.CopyTo(flat, i * width);
        return tensor(flat, [keys.Count, width], device: device);
    }
}
