namespace HyperRL.HyperPolicy.Fused;

/// <summary>
/// A batch's rows as a <see cref="FusedNetwork"/> reads them: grouped by descriptor (with a generator, rows sorted by
/// their raw descriptor, ties by row so the order is deterministic; otherwise one group), observations copied in that
/// order, descriptors normalized per row where a stage reads them and once per group for the generator.
/// <see cref="Order"/> maps sorted positions back to the caller's rows.
/// </summary>
internal sealed class FusedRows
{
    private readonly FusedPlan plan;
    private readonly float[] descriptorRows; // the batch's raw descriptors, for sorting rows by them
    private readonly Comparer<int> byDescriptor;

    public FusedRows(FusedPlan plan, int maxRows)
    {
        this.plan = plan;
        Network = new FusedNetwork(plan, maxRows);
        Order = new int[maxRows];
        descriptorRows = new float[maxRows * plan.DescriptorSize];
        int d = plan.DescriptorSize;
        byDescriptor = Comparer<int>.Create((a, b) =>
        {
            int order = descriptorRows.AsSpan(a * d, d).SequenceCompareTo(descriptorRows.AsSpan(b * d, d));
            return order != 0 ? order : a.CompareTo(b);
        });
    }

    public FusedNetwork Network { get; }

    /// <summary>Sorted position -> caller row, for the last <see cref="Forward"/>.</summary>
    public int[] Order { get; }

    public int Count { get; private set; }

    /// <summary>Loads <paramref name="count"/> rows (observations [rows, obs], raw descriptors [rows, d]) and runs the
    /// network's forward pass on them with the weights in <paramref name="parameters"/>.</summary>
    public void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int count)
    {
        Count = count;
        int groups = Group(descriptors);
        int obsSize = plan.ObservationSize, descSize = plan.DescriptorSize;
        var withDescriptor = Network.ObservationsWithDescriptor;
        for (int i = 0; i < count; i++)
        {
            int row = Order[i];
            observations.Slice(row * obsSize, obsSize).CopyTo(Network.Observations.AsSpan(i * obsSize));
            if (withDescriptor.Length == 0) continue;
            int stride = obsSize + descSize;
            observations.Slice(row * obsSize, obsSize).CopyTo(withDescriptor.AsSpan(i * stride));
            Normalize(descriptors.Slice(row * descSize, descSize), withDescriptor.AsSpan(i * stride + obsSize, descSize));
        }
        if (plan.HasGenerator)
            for (int g = 0; g < groups; g++)
                Normalize(descriptors.Slice(Order[Network.GroupStart[g]] * descSize, descSize), Network.NormalizedDescriptors.AsSpan(g * descSize, descSize));
        Network.Forward(count, groups, parameters);
    }

    private void Normalize(ReadOnlySpan<float> raw, Span<float> normalized)
    {
        for (int k = 0; k < raw.Length; k++) normalized[k] = raw[k] * plan.DescriptorScale[k] + plan.DescriptorOffset[k];
    }

    /// <summary>Fills <see cref="Order"/> and the network's group starts; returns the number of groups.</summary>
    private int Group(ReadOnlySpan<float> descriptors)
    {
        for (int i = 0; i < Count; i++) Order[i] = i;
        var starts = Network.GroupStart;
        starts[0] = 0;
        if (!plan.HasGenerator)
        {
            starts[1] = Count;
            return 1;
        }
        int d = plan.DescriptorSize;
        descriptors[..(Count * d)].CopyTo(descriptorRows);
        Array.Sort(Order, 0, Count, byDescriptor);
        int groups = 1;
        for (int i = 1; i < Count; i++)
            if (!descriptorRows.AsSpan(Order[i] * d, d).SequenceEqual(descriptorRows.AsSpan(Order[i - 1] * d, d))) starts[groups++] = i;
        starts[groups] = Count;
        return groups;
    }
}
