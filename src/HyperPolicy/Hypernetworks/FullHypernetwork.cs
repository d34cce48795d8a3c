using HyperRL.HyperPolicy.MainNetworks;
using HyperRL.HyperPolicy.Onnx;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Hypernetworks;

/// <summary>
/// embedding -> every generated parameter through one linear output layer (one head per main-net layer, fused into a
/// single matmul because one big addmm is much cheaper than one small addmm per layer).
/// </summary>
internal sealed class FullHypernetwork : WeightGenerator
{
    /// <summary>Beck et al.'s 'bias' init keeps the descriptor-dependent part this small relative to the target std.</summary>
    public const float BiasInitDescriptorScale = 0.01f;

    private readonly DescriptorEncoder encoder;
    private readonly FlatParameterLayout layout;
    // Named as registered, so that moving the module (which replaces parameters) re-points these fields.
    [ComponentName(Name = "output_weight")] private readonly TorchSharp.Modules.Parameter outputWeight; // [E, P]
    [ComponentName(Name = "output_bias")] private readonly TorchSharp.Modules.Parameter outputBias;     // [P]

    public FullHypernetwork(string name, int descriptorSize, HyperSpec spec, IReadOnlyList<MainLayerShape> layers, bool orthogonal)
        : base(name, layers)
    {
        encoder = new DescriptorEncoder("encoder", descriptorSize, spec.EncoderHidden, spec.Embedding);
        layout = new FlatParameterLayout(layers);
        Tensor initialWeight, initialBias;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var (weight, bias) = InitialOutputLayer(descriptorSize, spec, orthogonal);
            (initialWeight, initialBias) = (weight.DetachFromDisposeScope(), bias.DetachFromDisposeScope());
        }
        // Parameters are created outside the scope: a tensor is owned by the scope that is current at its creation.
        outputWeight = nn.Parameter(initialWeight);
        outputBias = nn.Parameter(initialBias);
        register_module("encoder", encoder);
        register_parameter("output_weight", outputWeight);
        register_parameter("output_bias", outputBias);
    }

    public override Tensor ChangeSentinel => outputBias;

    internal DescriptorEncoder Encoder => encoder;

    internal FlatParameterLayout Layout => layout;

    /// <summary>[E, P] and [P]: embedding -> every generated value.</summary>
    internal (Tensor Weight, Tensor Bias) OutputLayer => (outputWeight, outputBias);

    public override IReadOnlyList<LayerWeights> Generate(Tensor normalizedDescriptors)
    {
        var embedding = encoder.Forward(normalizedDescriptors);
        return layout.Split(outputBias.addmm(embedding, outputWeight));
    }

    public override IReadOnlyList<LayerWeights> GenerateMasked(Tensor normalizedDescriptors, Tensor flatMask)
    {
        var embedding = encoder.Forward(normalizedDescriptors);
        return layout.Split(outputBias.addmm(embedding, outputWeight).mul_(flatMask));
    }

    public override IReadOnlyList<LayerWeights> GenerateShared(Tensor normalizedDescriptor)
    {
        var embedding = encoder.Forward(normalizedDescriptor);
        return layout.SplitShared(outputBias.addmm(embedding, outputWeight).view(-1));
    }

    public override IReadOnlyList<OnnxLayer> EmitOnnx(OnnxGraph graph, string normalizedDescriptors, string hint)
    {
        var embedding = encoder.EmitOnnx(graph, normalizedDescriptors, hint);
        var flat = graph.Add(graph.MatMul(embedding, graph.Constant(hint + ".output_weight", outputWeight)), graph.Constant(hint + ".output_bias", outputBias));
        return layout.EmitSplit(graph, flat);
    }

    private (Tensor Weight, Tensor Bias) InitialOutputLayer(int descriptorSize, HyperSpec spec, bool orthogonal)
    {
        // Generated w = H e + c. With c = 0 and H ~ N(0, s^2): Var(w) = E * s^2 * E[e_k^2], so s^2 = target / (E E[e_k^2]).
        var embeddingSize = spec.Embedding;
        var meanSquare = EmbeddingMoments.MeanSquare(encoder.Forward(EmbeddingMoments.SampleNormalizedDescriptors(descriptorSize)));
        var fanInInit = spec.Init == HyperInit.HyperfanOut ? HyperInit.HyperfanOut : HyperInit.HyperfanIn;
        // Biases start at zero like the main nets we mimic, so weights carry the whole variance budget.
        var targetStd = tensor(layout.TargetStd(fanInInit, orthogonal, biasStdFraction: 0f));
        var perEntryStd = targetStd / Math.Sqrt(embeddingSize * meanSquare);
        if (spec.Init == HyperInit.Bias)
        {
            // Beck et al. 2022: output weights ~0, output bias = a standard main-net init, so generated weights start as one.
            var weight = randn(embeddingSize, layout.Total) * perEntryStd * BiasInitDescriptorScale;
            return (weight, layout.MainInit(orthogonal));
        }
        return (randn(embeddingSize, layout.Total) * perEntryStd, zeros(layout.Total));
    }
}
