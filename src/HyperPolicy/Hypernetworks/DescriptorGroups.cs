using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Hypernetworks;

/// <summary>
/// The distinct descriptor rows of a batch and, for every row, the index of its distinct descriptor.
/// A rollout batch has few distinct descriptors, so weights are generated once per distinct one.
/// Done on the CPU values (also needed as cache keys) rather than with torch.unique.
/// </summary>
internal sealed class DescriptorGroups
{
    private DescriptorGroups(IReadOnlyList<DescriptorKey> unique, long[] inverse) => (Unique, Inverse) = (unique, inverse);

    public IReadOnlyList<DescriptorKey> Unique { get; }

    /// <summary>For each batch row, the index into <see cref="Unique"/>.</summary>
    public long[] Inverse { get; }

    public static DescriptorGroups Of(Tensor descriptors)
    {
        var rows = (int)descriptors.shape[0];
        var width = (int)descriptors.shape[1];
        var values = ReadValues(descriptors);
        var indexOf = new Dictionary<DescriptorKey, int>();
        var unique = new List<DescriptorKey>();
        var inverse = new long[rows];
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
        return new DescriptorGroups(unique, inverse);
    }

    /// <summary>Row indices ordered by group (stable), and the number of rows of each group.</summary>
    public (long[] Order, long[] Counts) RowsByGroup()
    {
        var counts = new long[Unique.Count];
        foreach (var group in Inverse) counts[group]++;
        var next = new long[Unique.Count];
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
        var counts = new int[Unique.Count];
        foreach (var group in Inverse) counts[group]++;
        var paddedSize = counts.Max();
        var gather = new long[Unique.Count * paddedSize];
        var slotOfRow = new long[Inverse.Length];
        var filled = new int[Unique.Count];
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

    public static DescriptorKey KeyOf(Tensor descriptor) => new(ReadValues(descriptor));

    public static Tensor ToTensor(IReadOnlyList<DescriptorKey> keys)
    {
        var width = keys[0].Values.Length;
        var flat = new float[keys.Count * width];
        for (var i = 0; i < keys.Count; i++) keys[i].Values.CopyTo(flat, i * width);
        return tensor(flat, [keys.Count, width]);
    }

    // Once per rollout step and network when descriptors are tensors: read in place rather than through tensor ops.
    private static float[] ReadValues(Tensor descriptors) => HostValues.Copy(descriptors);
}
