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
            register_parameter(WeightName(i), nn.Parameter(MainLayerInit.Weight(shapes[i], orthogonal)));
            register_parameter(BiasName(i), nn.Parameter(zeros(shapes[i].Out)));
        }
        Shapes = shapes;
        CollectLayers();
    }

    public IReadOnlyList<MainLayerShape> Shapes { get; }

    public IReadOnlyList<LayerWeights> Layers => layers;

    public Tensor Forward(Tensor x, ActivationKind activation, bool activateLast) =>
        FunctionalMlp.Forward(x, layers, activation, activateLast);

    /// <summary>
    /// Moving to another device or dtype replaces every parameter with a new one and disposes the old, updating only
    /// fields named like the parameter: the list of layers must be rebuilt from the registered parameters, or it would
    /// keep disposed tensors.
    /// </summary>
    protected override void _toEpilog(ScalarType? dtype, Device? device, bool non_blocking)
    {
        base._toEpilog(dtype, device, non_blocking);
        CollectLayers();
    }

    private void CollectLayers()
    {
        layers.Clear();
        for (var i = 0; i < Shapes.Count; i++)
            layers.Add(new LayerWeights(get_parameter(WeightName(i))!, get_parameter(BiasName(i))!));
    }

    private static string WeightName(int layer) => $"w{layer}";

    private static string BiasName(int layer) => $"b{layer}";
}
