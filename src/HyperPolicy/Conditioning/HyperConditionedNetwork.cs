using HyperRL.HyperPolicy.Hypernetworks;
using HyperRL.HyperPolicy.MainNetworks;
using HyperRL.HyperPolicy.Onnx;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Conditioning;

/// <summary>
/// 'hyper': a hypernetwork generates the main net's weights (all layers, or the last k with the earlier ones trained
/// as usual). A shared descriptor — [d], or [B, d] whose rows are all equal — takes the plain-matmul path; otherwise
/// weights are generated once per distinct descriptor and the rows, grouped by descriptor, go through batched matmuls.
/// One hypernetwork can generate several main networks that read the same input (an actor and its critic): one
/// encoder pass and one output matmul then serve both, which halves the hypernetwork's per-op cost per step. When
/// every layer is generated, their first layers are generated as one wider layer (the networks' columns side by
/// side), so one matmul and one activation compute the first hidden layer of all of them.
/// </summary>
internal sealed class HyperConditionedNetwork : ConditionedNetwork
{
    private readonly DescriptorNormalizer normalizer;
    private readonly TrainedLayerStack?[] fixedLayers; // per main network
    private readonly int[] firstGenerated;              // per main network: its first layer in the generator's list
    private readonly int[] generatedCounts;             // per main network
    private readonly (int Offset, int Width)[]? fusedColumns; // per main network: its columns of the fused first layer
    private readonly WeightGenerator generator;
    private readonly FactorizedNoise? generatedNoise;
    private readonly GeneratedWeightCache cache = new();
    private readonly ActivationKind activation;
    private readonly bool concatInput; // the normalized descriptor is appended to the main networks' input too

    public HyperConditionedNetwork(string name, MainNetworkLayout layout, float[] descriptorLow, float[] descriptorHigh, HyperSpec spec, bool orthogonal,
        float? noisySigma = null)
        : this(name, [layout], descriptorLow, descriptorHigh, spec, orthogonal, noisySigma)
    {
    }

    /// <param name="layouts">The main networks to generate; all take the same input and use the same activation. With
    /// <see cref="HyperSpec.ConcatInput"/> their input is the observation followed by the normalized descriptor.</param>
    /// <param name="noisySigma">sigma_0 for noisy layers (Fortunato et al. 2018), null for none. Trained layers are
    /// NoisyLinear. For generated layers the hypernetwork generates mu and sigma is a trained parameter of the
    /// layer's shape: the noise scale is an exploration setting that the paper learns per weight and that has no reason
    /// to depend on the descriptor, and generating it too would double the generator's output layer (most of a
    /// hypernetwork's parameters) and let the descriptor switch exploration off for some tasks.</param>
    public HyperConditionedNetwork(string name, IReadOnlyList<MainNetworkLayout> layouts, float[] descriptorLow, float[] descriptorHigh,
        HyperSpec spec, bool orthogonal, float? noisySigma = null)
        : base(name)
    {
        activation = layouts[0].Activation;
        concatInput = spec.ConcatInput;
        normalizer = new DescriptorNormalizer("normalizer", descriptorLow, descriptorHigh);
        register_module("normalizer", normalizer);
        fixedLayers = new TrainedLayerStack?[layouts.Count];
        firstGenerated = new int[layouts.Count];
        generatedCounts = new int[layouts.Count];
        var generatedShapes = new List<MainLayerShape>();
        var allGenerated = layouts.All(layout => (spec.GeneratedLayers ?? layout.Layers.Count) >= layout.Layers.Count);
        if (layouts.Count > 1 && allGenerated && layouts.All(layout => layout.Layers.Count >= 2 && layout.Layers[0].In == layouts[0].Layers[0].In))
        {
            var firsts = layouts.Select(layout => layout.Layers[0]).ToArray();
            generatedShapes.Add(new MainLayerShape(firsts[0].In, firsts.Sum(first => first.Out), firsts.SelectMany(first => first.ColumnGains).ToArray()));
            fusedColumns = new (int, int)[layouts.Count];
            var offset = 0;
            for (var net = 0; net < layouts.Count; net++)
            {
                fusedColumns[net] = (offset, firsts[net].Out);
                offset += firsts[net].Out;
                firstGenerated[net] = generatedShapes.Count;
                generatedCounts[net] = layouts[net].Layers.Count - 1;
                generatedShapes.AddRange(layouts[net].Layers.Skip(1));
            }
        }
        else
        {
            for (var net = 0; net < layouts.Count; net++)
            {
                var layers = layouts[net].Layers;
                var generatedCount = Math.Min(spec.GeneratedLayers ?? layers.Count, layers.Count);
                var fixedCount = layers.Count - generatedCount;
                if (fixedCount > 0)
                {
                    // A single network keeps the unsuffixed name, so its parameter names read as before.
                    var fixedName = layouts.Count == 1 ? "fixed_layers" : $"fixed_layers{net}";
                    fixedLayers[net] = new TrainedLayerStack(fixedName, layers.Take(fixedCount).ToArray(), orthogonal, noisySigma);
                    register_module(fixedName, fixedLayers[net]!);
                }
                firstGenerated[net] = generatedShapes.Count;
                generatedCounts[net] = generatedCount;
                generatedShapes.AddRange(layers.Skip(fixedCount));
            }
        }
        generator = WeightGeneratorFactory.Create("generator", descriptorLow.Length, spec, generatedShapes, orthogonal);
        register_module("generator", generator);
        if (noisySigma is { } sigma0)
        {
            generatedNoise = new FactorizedNoise("generated_noise", generatedShapes, sigma0);
            register_module("generated_noise", generatedNoise);
        }
    }

    public override IReadOnlyList<FactorizedNoise> NoisyParts =>
        [.. fixedLayers.Select(stack => stack?.Noise).OfType<FactorizedNoise>(), .. generatedNoise is null ? [] : new[] { generatedNoise }];

    /// <summary>Generated mu plus the current noise (when noisy and training); the weight cache holds mu only.</summary>
    private IReadOnlyList<LayerWeights> Noisy(IReadOnlyList<LayerWeights> generated) => generatedNoise?.Apply(generated) ?? generated;

    internal WeightGenerator Generator => generator;

    internal DescriptorNormalizer Normalizer => normalizer;

    internal bool ConcatInput => concatInput;

    internal bool GeneratesNoise => generatedNoise is not null;

    /// <summary>Network <paramref name="net"/>'s trained layers before its generated ones (null: none).</summary>
    internal TrainedLayerStack? FixedLayers(int net) => fixedLayers[net];

    /// <summary>Network <paramref name="net"/>'s generated layers: the first one's index in <see cref="Generator"/>'s
    /// list and their number.</summary>
    internal (int First, int Count) GeneratedRange(int net) => (firstGenerated[net], generatedCounts[net]);

    /// <summary>Network <paramref name="net"/>'s columns of the fused first generated layer; null when the first layers
    /// are not fused.</summary>
    internal (int Offset, int Width)? FusedColumns(int net) => fusedColumns?[net];

    internal GeneratedWeightCache Cache => cache;

    public int NetworkCount => fixedLayers.Length;

    public override void InvalidateGeneratedWeights() => cache.Clear();

    public override ActivationKind Activation => activation;

    public override IReadOnlyList<LayerWeights>[] EffectiveLayersEach(Tensor descriptor)
    {
        // Straight from the generator: the caller keeps the result (a snapshot), so the weight cache has no use here.
        var normalized = normalizer.Forward(descriptor.unsqueeze(0));
        var generated = Noisy(generator.GenerateShared(normalized));
        return Enumerable.Range(0, NetworkCount).Select(net => FoldDescriptor([.. FirstLayers(net, generated),
            .. Slice(generated, firstGenerated[net], generatedCounts[net])], normalized)).ToArray();
    }

    /// <summary>With <see cref="HyperSpec.ConcatInput"/>, [obs, d] W0 = obs W0[:obs] + d W0[obs:]: the descriptor's part
    /// of the first layer becomes a constant added to its bias (as 'concat' folds it), so the layers act on observations
    /// alone. <paramref name="normalized"/> is the normalized descriptor [1, d].</summary>
    private IReadOnlyList<LayerWeights> FoldDescriptor(IReadOnlyList<LayerWeights> layers, Tensor normalized)
    {
        if (!concatInput) return layers;
        var first = layers[0];
        var observationSize = first.Weight.shape[0] - normalizer.Size;
        var descriptorPart = first.Weight.narrow(0, observationSize, normalizer.Size);
        var bias = first.Bias + normalized.mm(descriptorPart).squeeze(0);
        return [new LayerWeights(first.Weight.narrow(0, 0, observationSize), bias), .. layers.Skip(1)];
    }

    /// <summary>The layers of network <paramref name="net"/> before its generated ones: trained, or its columns of
    /// the fused first layer (shared weights [In, Out] only).</summary>
    private IReadOnlyList<LayerWeights> FirstLayers(int net, IReadOnlyList<LayerWeights> generated)
    {
        if (fusedColumns is null) return fixedLayers[net]?.CurrentLayers() ?? [];
        var (offset, width) = fusedColumns[net];
        return [new LayerWeights(generated[0].Weight.narrow(1, offset, width), generated[0].Bias.narrow(0, offset, width))];
    }

    /// <summary>
    /// Weights generated for every row from its own descriptor, then each row through them by a batched matmul
    /// ([N, 1, In] x [N, In, Out]): what <see cref="ForwardEach"/> computes with one descriptor per row, without grouping
    /// rows by descriptor (a graph cannot know in advance how many distinct ones a batch holds).
    /// </summary>
    public override string[] EmitOnnx(OnnxGraph graph, string observations, string descriptors, string hint)
    {
        var normalized = normalizer.EmitOnnx(graph, descriptors, hint);
        var generated = generator.EmitOnnx(graph, normalized, hint + ".hyper");
        if (concatInput) observations = graph.Concat(1, observations, normalized);
        var fusedHidden = fusedColumns is null ? null : graph.Activation(activation, graph.BatchedAffine(observations, generated[0]));
        var outputs = new string[NetworkCount];
        for (var net = 0; net < NetworkCount; net++)
        {
            var netHint = NetworkCount == 1 ? hint : $"{hint}{net}";
            var x = fusedHidden is not null ? graph.Slice(fusedHidden, 1, fusedColumns![net].Offset, fusedColumns[net].Width)
                : fixedLayers[net] is { } trained ? graph.Mlp(observations, trained.Layers, activation, netHint + ".fixed", activateLast: true)
                : observations;
            var layers = generated.Skip(firstGenerated[net]).Take(generatedCounts[net]).ToArray();
            for (var i = 0; i < layers.Length; i++)
            {
                x = graph.BatchedAffine(x, layers[i]);
                if (i < layers.Length - 1) x = graph.Activation(activation, x);
            }
            outputs[net] = x;
        }
        return outputs;
    }

    /// <summary>The single main network's output ([B, out]); for a network built with one layout.</summary>
    public override Tensor Forward(Tensor observations, Tensor descriptors)
    {
        if (NetworkCount != 1) throw new InvalidOperationException("this hypernetwork generates several networks: use ForwardEach");
        return ForwardEach(observations, descriptors)[0];
    }

    /// <summary>Every main network's output on the same observations, in layout order.</summary>
    public Tensor[] ForwardEach(Tensor observations, Tensor descriptors)
    {
        // 'hyper + concat': the normalized descriptor joins the input once; every path then runs on the wider rows.
        if (concatInput) observations = cat([observations, normalizer.Forward(PerRow(descriptors, observations.shape[0]))], 1);
        var cacheable = !is_grad_enabled();
        // A gradient-mode forward precedes every optimizer step: drop weights generated from the current parameters.
        if (cacheable) cache.DropIfChanged(generator.ChangeSentinel);
        else cache.Clear();

        if (descriptors.dim() == 1)
            return RunEach(observations, Noisy(SharedWeights(descriptors, cacheable)));

        var groups = DescriptorGroups.Of(descriptors);
        if (groups.Count == 1)
            return RunEach(observations, Noisy(groups.Keys is { } key ? SharedWeights(key[0], cacheable, descriptors.device) : SharedWeights(descriptors[0], cacheable)));

        var perDescriptor = Noisy(cacheable && groups.Keys is { } keys ? CachedWeights(keys, descriptors.device) : Generate(groups.Distinct(descriptors)));
        return Path switch
        {
            MultiDescriptorPath.PerRow => ForwardPerRow(observations, perDescriptor, groups),
            MultiDescriptorPath.Grouped => ForwardGrouped(observations, perDescriptor, groups),
            _ => ForwardPadded(observations, perDescriptor, groups),
        };
    }

    /// <summary>How a batch with several distinct descriptors runs (the default is the fastest; the others are kept
    /// as references for tests and benchmarks).</summary>
    internal enum MultiDescriptorPath { Padded, PerRow, Grouped }

    internal MultiDescriptorPath Path { get; set; } = MultiDescriptorPath.Padded;

    /// <summary>Each main network on <paramref name="observations"/> with its slice of the generated layers.</summary>
    private Tensor[] RunEach(Tensor observations, IReadOnlyList<LayerWeights> generated)
    {
        var fusedHidden = fusedColumns is null ? null : Activations.Apply(activation, FunctionalMlp.Affine(observations, generated[0]));
        var outputs = new Tensor[NetworkCount];
        for (var net = 0; net < NetworkCount; net++)
        {
            var x = fusedHidden is not null ? fusedHidden.narrow(1, fusedColumns![net].Offset, fusedColumns[net].Width)
                : fixedLayers[net] is { } trained ? trained.Forward(observations, activation, activateLast: true)
                : observations;
            outputs[net] = FunctionalMlp.Forward(x, Slice(generated, firstGenerated[net], generatedCounts[net]), activation);
        }
        return outputs;
    }

    private static IReadOnlyList<LayerWeights> Slice(IReadOnlyList<LayerWeights> layers, int start, int count) =>
        start == 0 && count == layers.Count ? layers : layers.Skip(start).Take(count).ToArray();

    /// <summary>
    /// Rows grouped by descriptor into a [groups, padded size] block (padding repeats a row of the group), each
    /// generated layer one bmm over all groups, then the rows taken back out in their order: a constant number of ops
    /// whatever the number of descriptors, and no per-row copy of the weights. Padding rows are computed and dropped;
    /// their gradient is zero.
    /// </summary>
    private Tensor[] ForwardPadded(Tensor observations, IReadOnlyList<LayerWeights> perDescriptor, DescriptorGroups groups)
    {
        var (gather, slotOfRow, paddedSize) = groups.PaddedSlots();
        var device = observations.device;
        var gatherIndex = tensor(gather, device: device);
        var slotIndex = tensor(slotOfRow, device: device);
        var groupCount = groups.Count;
        Tensor Pad(Tensor rows) => RowGather.Rows(rows, gatherIndex).view(groupCount, paddedSize, rows.shape[1]);
        var fusedHidden = fusedColumns is null ? null : PaddedLayers(Pad(observations), [perDescriptor[0]], activateLast: true);
        var outputs = new Tensor[NetworkCount];
        for (var net = 0; net < NetworkCount; net++)
        {
            var h = fusedHidden is not null ? fusedHidden.narrow(2, fusedColumns![net].Offset, fusedColumns[net].Width)
                : Pad(fixedLayers[net] is { } trained ? trained.Forward(observations, activation, activateLast: true) : observations);
            h = PaddedLayers(h, Slice(perDescriptor, firstGenerated[net], generatedCounts[net]), activateLast: false);
            outputs[net] = RowGather.Rows(h.reshape(groupCount * paddedSize, -1), slotIndex);
        }
        return outputs;
    }

    /// <summary>[groups, rows, In] through layers with weights [groups, In, Out], one bmm each.</summary>
    private Tensor PaddedLayers(Tensor h, IReadOnlyList<LayerWeights> layers, bool activateLast)
    {
        for (var i = 0; i < layers.Count; i++)
        {
            h = h.bmm(layers[i].Weight).add_(layers[i].Bias.unsqueeze(1));
            if (i < layers.Count - 1 || activateLast) h = Activations.Apply(activation, h);
        }
        return h;
    }

    private Tensor[] ForwardPerRow(Tensor observations, IReadOnlyList<LayerWeights> perDescriptor, DescriptorGroups groups)
    {
        var rowIndex = tensor(groups.Inverse, device: observations.device);
        return RunEach(observations, perDescriptor.Select(layer => layer.SelectRows(rowIndex)).ToArray());
    }

    private Tensor[] ForwardGrouped(Tensor observations, IReadOnlyList<LayerWeights> perDescriptor, DescriptorGroups groups)
    {
        var (order, counts) = groups.RowsByGroup();
        var device = observations.device;
        var sorted = RowGather.Rows(observations, tensor(order, device: device));
        var outputs = new Tensor[NetworkCount][];
        for (var net = 0; net < NetworkCount; net++) outputs[net] = new Tensor[counts.Length];
        long start = 0;
        for (var group = 0; group < counts.Length; group++)
        {
            var weights = perDescriptor.Select(layer => layer.Row(group)).ToArray();
            var groupOutputs = RunEach(sorted.narrow(0, start, counts[group]), weights);
            for (var net = 0; net < NetworkCount; net++) outputs[net][group] = groupOutputs[net];
            start += counts[group];
        }
        var inverseOrder = new long[order.Length];
        for (var i = 0; i < order.Length; i++) inverseOrder[order[i]] = i;
        var unsort = tensor(inverseOrder, device: device);
        return outputs.Select(perGroup => RowGather.Rows(cat(perGroup, 0), unsort)).ToArray();
    }

    /// <summary>Generated weights for one descriptor [d]: W [In, Out], b [Out]. Cached when cacheable and the
    /// descriptor has values to key by.</summary>
    internal IReadOnlyList<LayerWeights> SharedWeights(Tensor descriptor, bool cacheable) =>
        cacheable && DescriptorGroups.KeyOf(descriptor) is { } key
            ? SharedWeights(key, cacheable, descriptor.device)
            : generator.GenerateShared(normalizer.Forward(descriptor.unsqueeze(0)));

    /// <param name="device">Where the descriptors live (the module's device).</param>
    private IReadOnlyList<LayerWeights> SharedWeights(DescriptorKey key, bool cacheable, Device device)
    {
        if (cacheable && cache.TryGet(key, out var cached)) return cached;
        var generated = generator.GenerateShared(normalizer.Forward(DescriptorGroups.ToTensor([key], device)));
        return cacheable ? cache.Add(key, generated, generator.ChangeSentinel) : generated;
    }

    /// <summary>Per distinct descriptor [U, ...], generating only those not cached yet (in one batch).</summary>
    private IReadOnlyList<LayerWeights> CachedWeights(IReadOnlyList<DescriptorKey> keys, Device device)
    {
        var perKey = new IReadOnlyList<LayerWeights>[keys.Count];
        var missing = new List<int>();
        for (var i = 0; i < keys.Count; i++)
            if (cache.TryGet(keys[i], out var cached)) perKey[i] = cached;
            else missing.Add(i);
        if (missing.Count > 0)
        {
            var generated = Generate(DescriptorGroups.ToTensor(missing.Select(i => keys[i]).ToArray(), device));
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

    /// <summary>Cached weights live on the device they were generated on: moving the module drops them.</summary>
    protected override void _toEpilog(ScalarType? dtype, Device? device, bool non_blocking)
    {
        base._toEpilog(dtype, device, non_blocking);
        cache.Clear();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) cache.Dispose();
        base.Dispose(disposing);
    }
}
