using HyperRL.HyperPolicy.MainNetworks;
using HyperRL.HyperPolicy.Onnx;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Conditioning;

/// <summary>'concat': the normalized descriptor is appended to the observation.</summary>
internal sealed class ConcatNetwork : ConditionedNetwork
{
    private readonly DescriptorNormalizer normalizer;
    private readonly TrainedLayerStack layers;
    private readonly ActivationKind activation;

    /// <param name="layout">Layout whose first layer takes observation + descriptor.</param>
    public ConcatNetwork(string name, MainNetworkLayout layout, float[] descriptorLow, float[] descriptorHigh, bool orthogonal,
        float? noisySigma = null) : base(name)
    {
        normalizer = new DescriptorNormalizer("normalizer", descriptorLow, descriptorHigh);
        layers = new TrainedLayerStack("layers", layout.Layers, orthogonal, noisySigma);
        activation = layout.Activation;
        register_module("normalizer", normalizer);
        register_module("layers", layers);
    }

    public override ActivationKind Activation => activation;

    internal TrainedLayerStack Layers => layers;

    internal DescriptorNormalizer Normalizer => normalizer;

    /// <summary>[obs, d] W0 = obs W0[:obs] + d W0[obs:]: the descriptor's part is a constant added to the first bias.</summary>
    public override IReadOnlyList<LayerWeights>[] EffectiveLayersEach(Tensor descriptor)
    {
        var current = layers.CurrentLayers();
        var first = current[0];
        var observationSize = first.Weight.shape[0] - normalizer.Size;
        var descriptorPart = first.Weight.narrow(0, observationSize, normalizer.Size);
        var bias = first.Bias + normalizer.Forward(descriptor.unsqueeze(0)).mm(descriptorPart).squeeze(0);
        return [[new LayerWeights(first.Weight.narrow(0, 0, observationSize), bias), .. current.Skip(1)]];
    }

    public override IReadOnlyList<FactorizedNoise> NoisyParts => layers.Noise is { } noise ? [noise] : [];

    public override string[] EmitOnnx(OnnxGraph graph, string observations, string descriptors, string hint) =>
        [graph.Mlp(graph.Concat(1, observations, normalizer.EmitOnnx(graph, descriptors, hint)), layers.Layers, activation, hint)];

    public override Tensor Forward(Tensor observations, Tensor descriptors)
    {
        var normalized = normalizer.Forward(PerRow(descriptors, observations.shape[0]));
        return layers.Forward(cat([observations, normalized], 1), activation, activateLast: false);
    }
}
