using HyperRL.HyperPolicy.MainNetworks;
using HyperRL.HyperPolicy.Onnx;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Conditioning;

/// <summary>'mlp': ignores the descriptor (the unconditioned baseline).</summary>
internal sealed class PlainNetwork : ConditionedNetwork
{
    private readonly TrainedLayerStack layers;
    private readonly ActivationKind activation;

    public PlainNetwork(string name, MainNetworkLayout layout, bool orthogonal, float? noisySigma = null) : base(name)
    {
        layers = new TrainedLayerStack("layers", layout.Layers, orthogonal, noisySigma);
        activation = layout.Activation;
        register_module("layers", layers);
    }

    public override Tensor Forward(Tensor observations, Tensor descriptors) => layers.Forward(observations, activation, activateLast: false);

    public override ActivationKind Activation => activation;

    internal TrainedLayerStack Layers => layers;

    public override IReadOnlyList<LayerWeights>[] EffectiveLayersEach(Tensor descriptor) => [layers.CurrentLayers()];

    public override IReadOnlyList<FactorizedNoise> NoisyParts => layers.Noise is { } noise ? [noise] : [];

    /// <summary>Sets the layers to <paramref name="source"/>'s values (same shapes; call under no_grad).</summary>
    public void CopyLayers(IReadOnlyList<LayerWeights> source) => layers.CopyFrom(source);

    public override string[] EmitOnnx(OnnxGraph graph, string observations, string descriptors, string hint) =>
        [graph.Mlp(observations, layers.Layers, activation, hint)];
}
