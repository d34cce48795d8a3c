using HyperRL.HyperPolicy.Conditioning;
using HyperRL.HyperPolicy.Hypernetworks;
using HyperRL.HyperPolicy.MainNetworks;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>
/// One hypernetwork for every architecture of a space (HyperPPO, Hegde et al. 2023, conditioned on the descriptor as
/// well): it reads [normalized descriptor, architecture encoding] and generates the weights of the largest network;
/// an architecture runs on its leading slices (<see cref="ArchitectureSlices"/>). Any hypernetwork kind generates the
/// largest network, so full, chunked and lowrank all support it.
/// One (descriptor, architecture) for the batch takes the architecture's own small layers (plain matmuls). Several
/// take one batched generation for the distinct pairs, the largest network masked per pair, the rows grouped by pair
/// through batched matmuls, and each group's output read after its own depth: a constant number of ops however many
/// architectures a minibatch mixes.
/// </summary>
internal sealed class ArchitectureNetwork : nn.Module
{
    private readonly ArchitectureSpace space;
    private readonly MainNetworkLayout largest;
    private readonly DescriptorNormalizer normalizer;
    private readonly WeightGenerator generator;
    private readonly FlatParameterLayout flatLayout;
    private readonly HyperInit init;
    private readonly bool orthogonal;
    private readonly Dictionary<int, ArchitectureSlices> slices = [];

    public ArchitectureNetwork(string name, ArchitectureSpace space, int inputSize, float[] outputGains, ActivationKind activation,
        float[] descriptorLow, float[] descriptorHigh, HyperSpec hyper, bool orthogonal) : base(name)
    {
        this.space = space;
        this.orthogonal = orthogonal;
        init = hyper.Init;
        largest = MainNetworkLayout.Create(inputSize, space.Largest, outputGains, activation);
        flatLayout = new FlatParameterLayout(largest.Layers);
        normalizer = new DescriptorNormalizer("normalizer", descriptorLow, descriptorHigh);
        generator = WeightGeneratorFactory.Create("generator", descriptorLow.Length + space.EncodingSize, hyper, largest.Layers, orthogonal);
        register_module("normalizer", normalizer);
        register_module("generator", generator);
    }

    public ArchitectureSpace Space => space;

    public ActivationKind Activation => largest.Activation;

    public int OutputSize => largest.OutputSize;

    internal WeightGenerator Generator => generator;

    /// <summary>The init the slice scales keep standard.</summary>
    internal HyperInit Init => init;

    internal ArchitectureSlices SlicesOf(int architecture)
    {
        if (!slices.TryGetValue(architecture, out var found))
            slices[architecture] = found = new ArchitectureSlices(space[architecture], largest, init, orthogonal);
        return found;
    }

    /// <summary>Outputs [B, out]. <paramref name="descriptors"/>: raw [d] (shared) or [B, d];
    /// <paramref name="architectures"/>: one index for the whole batch, or one per row.</summary>
    public Tensor Forward(Tensor observations, Tensor descriptors, IReadOnlyList<int> architectures)
    {
        var rows = observations.shape[0];
        if (architectures.Count != 1 && architectures.Count != rows)
            throw new ArgumentException($"{architectures.Count} architecture indices for {rows} rows; give one, or one per row");
        var sharedArchitecture = architectures.All(index => index == architectures[0]);
        if (descriptors.dim() == 1 && sharedArchitecture)
            return FunctionalMlp.Forward(observations, Layers(descriptors, architectures[0]), Activation);

        var perRow = architectures.Count == 1 ? Enumerable.Repeat(architectures[0], (int)rows).ToArray() : architectures.ToArray();
        var device = observations.device;
        DescriptorGroups groups;
        Tensor distinct;
        if (descriptors.dim() == 1)
        {
            // One descriptor for the batch: the rows group by architecture alone, on the host.
            groups = DescriptorGroups.ByLabel(perRow);
            distinct = descriptors.unsqueeze(0).expand(groups.Count, -1);
        }
        else
        {
            var keyed = cat([descriptors, tensor(perRow.Select(index => (float)index).ToArray(), device: device).unsqueeze(1)], 1);
            groups = DescriptorGroups.Of(keyed);
            if (groups.Count == 1) return FunctionalMlp.Forward(observations, Layers(descriptors[0], perRow[0]), Activation);
            distinct = groups.Distinct(keyed).narrow(1, 0, normalizer.Size);
        }
        var groupArchitecture = new int[groups.Count];
        for (var row = 0; row < rows; row++) groupArchitecture[groups.Inverse[row]] = perRow[row];

        var masks = new float[groups.Count * flatLayout.Total];
        for (var g = 0; g < groups.Count; g++) SlicesOf(groupArchitecture[g]).Mask.CopyTo(masks, g * flatLayout.Total);
        var mask = tensor(masks, [groups.Count, flatLayout.Total], device: device);
        var layers = generator.GenerateMasked(GeneratorInput(distinct, groupArchitecture, device), mask);
        return ForwardGrouped(observations, layers, groups, groupArchitecture);
    }

    /// <summary>The architecture's own layers for one raw descriptor [d] (for snapshots and exports under no_grad,
    /// and the single-pair forward).</summary>
    public IReadOnlyList<LayerWeights> Layers(Tensor descriptor, int architecture)
    {
        var input = GeneratorInput(descriptor.unsqueeze(0), [architecture], descriptor.device);
        return SlicesOf(architecture).Slice(generator.GenerateShared(input));
    }

    /// <summary>[normalized descriptors, encodings] [U, d + MaxDepth].</summary>
    private Tensor GeneratorInput(Tensor rawDescriptors, IReadOnlyList<int> architectures, Device device)
    {
        var encodings = architectures.SelectMany(space.Encode).ToArray();
        return cat([normalizer.Forward(rawDescriptors), tensor(encodings, device: device).view(architectures.Count, space.EncodingSize)], 1);
    }

    /// <summary>
    /// Rows padded into [groups, padded size, In] blocks (as <see cref="HyperConditionedNetwork"/>'s padded path), the
    /// masked largest network's hidden layers by bmm, each group's last hidden layer picked by its depth (a one-hot
    /// weighted sum when depths differ), then the output layer and the rows back in their order.
    /// </summary>
    private Tensor ForwardGrouped(Tensor observations, IReadOnlyList<LayerWeights> layers, DescriptorGroups groups, int[] groupArchitecture)
    {
        var (gather, slotOfRow, paddedSize) = groups.PaddedSlots();
        var device = observations.device;
        var groupCount = groups.Count;
        var h = RowGather.Rows(observations, tensor(gather, device: device)).view(groupCount, paddedSize, observations.shape[1]);
        var depths = groupArchitecture.Select(index => space[index].Count).ToArray();
        var deepest = depths.Max();
        var hidden = new Tensor[deepest];
        for (var i = 0; i < deepest; i++)
        {
            h = Activations.Apply(Activation, h.bmm(layers[i].Weight).add_(layers[i].Bias.unsqueeze(1)));
            hidden[i] = h;
        }
        Tensor last;
        if (depths.All(depth => depth == deepest))
        {
            last = hidden[deepest - 1];
        }
        else
        {
            var pick = new float[deepest * groupCount];
            for (var g = 0; g < groupCount; g++) pick[(depths[g] - 1) * groupCount + g] = 1f;
            last = stack(hidden).mul(tensor(pick, device: device).view(deepest, groupCount, 1, 1)).sum(0L, keepdim: false);
        }
        var output = layers[^1];
        var y = last.bmm(output.Weight).add_(output.Bias.unsqueeze(1));
        return RowGather.Rows(y.reshape(groupCount * paddedSize, -1), tensor(slotOfRow, device: device));
    }
}
