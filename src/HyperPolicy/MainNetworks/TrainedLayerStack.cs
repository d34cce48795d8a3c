using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.MainNetworks;

/// <summary>Ordinary trained layers (weights are parameters), in the same [In, Out] convention as generated ones.</summary>
internal sealed class TrainedLayerStack : nn.Module
{
    private readonly List<LayerWeights> layers = [];

    public TrainedLayerStack(string name, IReadOnlyList<MainLayerShape> shapes, bool orthogonal) : base(name)
    {
        for (var i = 0; i < shapes.Count; i++)
        {
            var weight = nn.Parameter(MainLayerInit.Weight(shapes[i], orthogonal));
            var bias = nn.Parameter(zeros(shapes[i].Out));
            register_parameter($"w{i}", weight);
            register_parameter($"b{i}", bias);
            layers.Add(new LayerWeights(weight, bias));
        }
        Shapes = shapes;
    }

    public IReadOnlyList<MainLayerShape> Shapes { get; }

    public IReadOnlyList<LayerWeights> Layers => layers;

    public Tensor Forward(Tensor x, ActivationKind activation, bool activateLast) =>
        FunctionalMlp.Forward(x, layers, activation, activateLast);
}
