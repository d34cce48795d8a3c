using HyperRL.HyperPolicy.MainNetworks;
using HyperRL.HyperPolicy.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Hypernetworks;

/// <summary>Normalized descriptor [U, d] -> embedding [U, E]: an ELU MLP with a linear last layer.</summary>
internal sealed class DescriptorEncoder : nn.Module
{
    private readonly TrainedLayerStack layers;

    public DescriptorEncoder(string name, int descriptorSize, IReadOnlyList<int> hidden, int embeddingSize) : base(name)
    {
        var gains = Enumerable.Repeat(1f, embeddingSize).ToArray();
        var layout = MainNetworkLayout.Create(descriptorSize, hidden, gains, ActivationKind.Elu);
        layers = new TrainedLayerStack("layers", layout.Layers, orthogonal: false);
        register_module("layers", layers);
        EmbeddingSize = embeddingSize;
    }

    public int EmbeddingSize { get; }

    internal TrainedLayerStack Layers => layers;

    public string EmitOnnx(OnnxGraph graph, string normalizedDescriptors, string hint) =>
        graph.Mlp(normalizedDescriptors, layers.Layers, ActivationKind.Elu, hint + ".encoder");

    public Tensor Forward(Tensor normalizedDescriptor) => layers.Forward(normalizedDescriptor, ActivationKind.Elu, activateLast: false);
}
