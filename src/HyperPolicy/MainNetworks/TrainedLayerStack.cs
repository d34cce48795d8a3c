using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.MainNetworks;

/// <summary>
/// Ordinary trained layers (weights are parameters), in the same [In, Out] convention as generated ones. Given a
/// noisy sigma_0 they are NoisyLinear layers (Fortunato et al. 2018): the parameters are mu, initialized
/// U(-1/sqrt(In), 1/sqrt(In)) as in the paper, and <see cref="FactorizedNoise"/> adds sigma ⊙ eps.
/// </summary>
internal sealed class TrainedLayerStack : nn.Module
{
    private readonly List<LayerWeights> layers = [];
    private readonly FactorizedNoise? noise;

    public TrainedLayerStack(string name, IReadOnlyList<MainLayerShape> shapes, bool orthogonal, float? noisySigma = null) : base(name)
    {
        for (var i = 0; i < shapes.Count; i++)
        {
            if (noisySigma is null)
            {
                register_parameter(WeightName(i), nn.Parameter(MainLayerInit.Weight(shapes[i], orthogonal)));
                register_parameter(BiasName(i), nn.Parameter(zeros(shapes[i].Out)));
            }
            else
            {
                var bound = 1 / Math.Sqrt(shapes[i].In);
                register_parameter(WeightName(i), nn.Parameter(empty(shapes[i].In, shapes[i].Out).uniform_(-bound, bound)));
                register_parameter(BiasName(i), nn.Parameter(empty(shapes[i].Out).uniform_(-bound, bound)));
            }
        }
        if (noisySigma is { } sigma0)
        {
            noise = new FactorizedNoise("noise", shapes, sigma0);
            register_module("noise", noise);
        }
        Shapes = shapes;
        CollectLayers();
    }

    public IReadOnlyList<MainLayerShape> Shapes { get; }

    /// <summary>The trained weights: mu for noisy layers (what eval, snapshots without noise and ONNX use).</summary>
    public IReadOnlyList<LayerWeights> Layers => layers;

    /// <summary>Null unless noisy.</summary>
    public FactorizedNoise? Noise => noise;

    /// <summary>The weights a forward uses now: <see cref="Layers"/>, plus the current noise when noisy and training.
    /// Computed afresh on each call: take it once per forward.</summary>
    public IReadOnlyList<LayerWeights> CurrentLayers() => noise is null ? layers : noise.Apply(layers);

    /// <summary>Sets the trained weights to <paramref name="source"/>'s values (same shapes; call under no_grad).</summary>
    public void CopyFrom(IReadOnlyList<LayerWeights> source)
    {
        if (source.Count != layers.Count) throw new ArgumentException($"{source.Count} layers for a stack of {layers.Count}");
        for (var i = 0; i < layers.Count; i++)
        {
            layers[i].Weight.copy_(source[i].Weight);
            layers[i].Bias.copy_(source[i].Bias);
        }
    }

    public Tensor Forward(Tensor x, ActivationKind activation, bool activateLast) =>
        FunctionalMlp.Forward(x, CurrentLayers(), activation, activateLast);

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
