using HyperRL.HyperPolicy.Hypernetworks;
using HyperRL.HyperPolicy.MainNetworks;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Conditioning;

/// <summary>
/// 'hyper': a hypernetwork generates the main net's weights (all layers, or the last k with the earlier ones trained
/// as usual). A shared descriptor — [d], or [B, d] whose rows are all equal — takes the plain-matmul path; otherwise
/// weights are generated once per distinct descriptor and gathered per row for a batched matmul.
/// </summary>
internal sealed class HyperConditionedNetwork : ConditionedNetwork
{
    private readonly DescriptorNormalizer normalizer;
    private readonly TrainedLayerStack? fixedLayers;
    private readonly WeightGenerator generator;
    private readonly GeneratedWeightCache cache = new();
    private readonly ActivationKind activation;

    public HyperConditionedNetwork(string name, MainNetworkLayout layout, float[] descriptorLow, float[] descriptorHigh, HyperSpec spec, bool orthogonal)
        : base(name)
    {
        var generatedCount = spec.GeneratedLayers ?? layout.Layers.Count;
        var fixedCount = layout.Layers.Count - generatedCount;
        activation = layout.Activation;
        normalizer = new DescriptorNormalizer("normalizer", descriptorLow, descriptorHigh);
        register_module("normalizer", normalizer);
        if (fixedCount > 0)
        {
            fixedLayers = new TrainedLayerStack("fixed_layers", layout.Layers.Take(fixedCount).ToArray(), orthogonal);
            register_module("fixed_layers", fixedLayers);
        }
        generator = WeightGeneratorFactory.Create("generator", descriptorLow.Length, spec, layout.Layers.Skip(fixedCount).ToArray(), orthogonal);
        register_module("generator", generator);
    }

    internal WeightGenerator Generator => generator;

    internal GeneratedWeightCache Cache => cache;

    public override void InvalidateGeneratedWeights() => cache.Clear();

    public override Tensor Forward(Tensor observations, Tensor descriptors)
    {
        var x = fixedLayers is null ? observations : fixedLayers.Forward(observations, activation, activateLast: true);
        var cacheable = !is_grad_enabled();
        // A gradient-mode forward precedes every optimizer step: drop weights generated from the current parameters.
        if (cacheable) cache.DropIfChanged(generator.ChangeSentinel);
        else cache.Clear();

        if (descriptors.dim() == 1)
            return FunctionalMlp.Forward(x, SharedWeights(descriptors, cacheable), activation);

        var groups = DescriptorGroups.Of(descriptors);
        if (groups.Unique.Count == 1)
            return FunctionalMlp.Forward(x, SharedWeights(groups.Unique[0], cacheable), activation);

        var perDescriptor = cacheable ? CachedWeights(groups.Unique) : Generate(DescriptorGroups.ToTensor(groups.Unique));
        return groups.Inverse.Length >= GroupedPathMinRowsPerDescriptor * groups.Unique.Count
            ? ForwardGrouped(x, perDescriptor, groups)
            : ForwardPerRow(x, perDescriptor, groups);
    }

    /// <summary>
    /// Average rows per distinct descriptor from which rows are grouped by descriptor (one plain MLP per group)
    /// instead of gathering a weight copy per row for bmm: the gather costs B x In x Out memory traffic per layer,
    /// the grouping a few small ops per group.
    /// </summary>
    internal int GroupedPathMinRowsPerDescriptor { get; set; } = 16;

    private Tensor ForwardPerRow(Tensor x, IReadOnlyList<LayerWeights> perDescriptor, DescriptorGroups groups)
    {
        var rowIndex = tensor(groups.Inverse);
        var perRow = perDescriptor.Select(layer => layer.SelectRows(rowIndex)).ToArray();
        return FunctionalMlp.Forward(x, perRow, activation);
    }

    private Tensor ForwardGrouped(Tensor x, IReadOnlyList<LayerWeights> perDescriptor, DescriptorGroups groups)
    {
        var (order, counts) = groups.RowsByGroup();
        var sorted = x.index_select(0, tensor(order));
        var outputs = new Tensor[counts.Length];
        long start = 0;
        for (var group = 0; group < counts.Length; group++)
        {
            var weights = perDescriptor.Select(layer => layer.Row(group)).ToArray();
            outputs[group] = FunctionalMlp.Forward(sorted.narrow(0, start, counts[group]), weights, activation);
            start += counts[group];
        }
        var inverseOrder = new long[order.Length];
        for (var i = 0; i < order.Length; i++) inverseOrder[order[i]] = i;
        return cat(outputs, 0).index_select(0, tensor(inverseOrder));
    }

    /// <summary>Generated weights for one descriptor [d]: W [In, Out], b [Out].</summary>
    internal IReadOnlyList<LayerWeights> SharedWeights(Tensor descriptor, bool cacheable) =>
        cacheable
            ? SharedWeights(DescriptorGroups.KeyOf(descriptor), cacheable)
            : generator.GenerateShared(normalizer.Forward(descriptor.unsqueeze(0)));

    private IReadOnlyList<LayerWeights> SharedWeights(DescriptorKey key, bool cacheable)
    {
        if (cacheable && cache.TryGet(key, out var cached)) return cached;
        var generated = generator.GenerateShared(normalizer.Forward(DescriptorGroups.ToTensor([key])));
        return cacheable ? cache.Add(key, generated, generator.ChangeSentinel) : generated;
    }

    /// <summary>Per distinct descriptor [U, ...], generating only those not cached yet (in one batch).</summary>
    private IReadOnlyList<LayerWeights> CachedWeights(IReadOnlyList<DescriptorKey> keys)
    {
        var perKey = new IReadOnlyList<LayerWeights>[keys.Count];
        var missing = new List<int>();
        for (var i = 0; i < keys.Count; i++)
            if (cache.TryGet(keys[i], out var cached)) perKey[i] = cached;
            else missing.Add(i);
        if (missing.Count > 0)
        {
            var generated = Generate(DescriptorGroups.ToTensor(missing.Select(i => keys[i]).ToArray()));
            for (var m = 0; m < missing.Count; m++)
                perKey[missing[m]] = cache.Add(keys[missing[m]], generated.Select(layer => layer.Row(m)).ToArray(), generator.ChangeSentinel);
        }
        return Enumerable.Range(0, generator.Layers.Count)
            .Select(layer => new LayerWeights(
                stack(perKey.Select(weights => weights[layer].Weight).ToArray()),
                stack(perKey.Select(weights => weights[layer].Bias).ToArray())))
            .ToArray();
    }

    private IReadOnlyList<LayerWeights> Generate(Tensor rawDescriptors) => generator.Generate(normalizer.Forward(rawDescriptors));

    protected override void Dispose(bool disposing)
    {
        if (disposing) cache.Dispose();
        base.Dispose(disposing);
    }
}
