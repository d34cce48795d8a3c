using HyperRL.HyperPolicy.MainNetworks;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Hypernetworks;

/// <summary>
/// Generated weights per raw descriptor, for no-grad forwards (rollouts: the descriptor stays the same for an episode).
/// Stale weights are ruled out three ways: the owner clears the cache on every gradient-mode forward and on every
/// parameter-changing call of its own (load, copy, soft update); and each lookup compares the hypernetwork's change
/// sentinel (its output bias, moved by every optimizer step) with the copy taken when the entries were made, which
/// catches a step the owner did not see. Cached tensors are detached, owned by the cache, and disposed when dropped.
/// </summary>
internal sealed class GeneratedWeightCache : IDisposable
{
    /// <summary>Bounds memory when descriptors are continuous and never repeat.</summary>
    public const int MaxEntries = 1024;

    private readonly Dictionary<DescriptorKey, IReadOnlyList<LayerWeights>> entries = [];
    private Tensor? sentinelSnapshot;
    private float[]? sentinelValues; // the snapshot as an array when the sentinel lives on the CPU

    public long Hits { get; private set; }

    public long Misses { get; private set; }

    public int Count => entries.Count;

    /// <summary>Drops every entry if the sentinel parameter differs from the one the entries were generated with.</summary>
    public void DropIfChanged(Tensor sentinel)
    {
        if (sentinelSnapshot is null) return;
        // Runs on every no-grad forward: comparing the CPU memory directly costs ~1 us, a tensor comparison more.
        // Elsewhere torch.equal (exact, like allclose with zero tolerances, at half its cost): allclose has no kernel
        // on the meta device.
        bool unchanged = sentinelValues is not null && HostValues.InPlace(sentinel)
            ? HostValues.View(sentinel).SequenceEqual(sentinelValues)
            : sentinelSnapshot.Equals(sentinel);
        if (!unchanged) Clear();
    }

    public bool TryGet(DescriptorKey key, out IReadOnlyList<LayerWeights> weights)
    {
        if (entries.TryGetValue(key, out weights!))
        {
            Hits++;
            return true;
        }
        Misses++;
        return false;
    }

    /// <summary>Stores detached copies owned by the cache and returns them.</summary>
    public IReadOnlyList<LayerWeights> Add(DescriptorKey key, IReadOnlyList<LayerWeights> weights, Tensor sentinel)
    {
        if (entries.Count >= MaxEntries) Clear();
        if (sentinelSnapshot is null)
        {
            sentinelSnapshot = sentinel.detach().clone().DetachFromDisposeScope();
            sentinelValues = HostValues.InPlace(sentinel) ? HostValues.View(sentinel).ToArray() : null;
        }
        var owned = weights
            .Select(layer => new LayerWeights(layer.Weight.detach().DetachFromDisposeScope(), layer.Bias.detach().DetachFromDisposeScope()))
            .ToArray();
        entries[key] = owned;
        return owned;
    }

    public void Clear()
    {
        foreach (var layer in entries.Values.SelectMany(layers => layers))
        {
            layer.Weight.Dispose();
            layer.Bias.Dispose();
        }
        entries.Clear();
        sentinelSnapshot?.Dispose();
        sentinelSnapshot = null;
        sentinelValues = null;
    }

    public void Dispose() => Clear();
}
