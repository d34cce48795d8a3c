using HyperRL.HyperPolicy.MainNetworks;
using HyperRL.HyperPolicy.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Conditioning;

/// <summary>
/// 'film' (Perez et al. 2018): the descriptor sets a per-unit scale gamma and shift beta of every hidden layer's
/// pre-activation. The generator's last layer starts with small weights and bias (gamma=1, beta=0), so at init the
/// network equals the unconditioned MLP.
/// </summary>
internal sealed class FilmNetwork : ConditionedNetwork
{
    private const float GeneratorOutputScale = 0.01f;

    private readonly DescriptorNormalizer normalizer;
    private readonly TrainedLayerStack layers;
    private readonly TrainedLayerStack generator;
    private readonly ActivationKind activation;
    private readonly int[] hiddenSizes;

    public FilmNetwork(string name, MainNetworkLayout layout, float[] descriptorLow, float[] descriptorHigh, IReadOnlyList<int> generatorHidden, bool orthogonal,
        float? noisySigma = null)
        : base(name)
    {
        normalizer = new DescriptorNormalizer("normalizer", descriptorLow, descriptorHigh);
        // Only the main layers are noisy: the FiLM generator conditions on the descriptor, exploration is the main net's.
        layers = new TrainedLayerStack("layers", layout.Layers, orthogonal, noisySigma);
        activation = layout.Activation;
        hiddenSizes = layout.Layers.Take(layout.Layers.Count - 1).Select(layer => layer.Out).ToArray();
        var modulationSize = 2 * hiddenSizes.Sum();
        var generatorLayout = MainNetworkLayout.Create(descriptorLow.Length, generatorHidden,
            Enumerable.Repeat(GeneratorOutputScale, modulationSize).ToArray(), ActivationKind.Elu);
        generator = new TrainedLayerStack("generator", generatorLayout.Layers, orthogonal: false);
        using (no_grad())
        {
            // Output bias = [gamma = 1 for every hidden unit..., beta = 0 ...].
            var identity = cat([ones(hiddenSizes.Sum()), zeros(hiddenSizes.Sum())], 0);
            generator.Layers[^1].Bias.copy_(identity);
        }
        register_module("normalizer", normalizer);
        register_module("layers", layers);
        register_module("generator", generator);
    }

    public override ActivationKind Activation => activation;

    public override IReadOnlyList<FactorizedNoise> NoisyParts => layers.Noise is { } noise ? [noise] : [];

    /// <summary>beta + gamma (x W + b) = x (W diag gamma) + (gamma b + beta) for each hidden layer.</summary>
    public override IReadOnlyList<LayerWeights>[] EffectiveLayersEach(Tensor descriptor)
    {
        var modulation = generator.Forward(normalizer.Forward(descriptor.unsqueeze(0)), ActivationKind.Elu, activateLast: false).squeeze(0);
        var total = hiddenSizes.Sum();
        var current = layers.CurrentLayers();
        var result = new List<LayerWeights>(current.Count);
        long offset = 0;
        for (var i = 0; i < current.Count; i++)
        {
            var layer = current[i];
            if (i == current.Count - 1)
            {
                result.Add(layer);
                break;
            }
            var gamma = modulation.narrow(0, offset, hiddenSizes[i]);
            var beta = modulation.narrow(0, total + offset, hiddenSizes[i]);
            offset += hiddenSizes[i];
            result.Add(new LayerWeights(layer.Weight * gamma, layer.Bias * gamma + beta));
        }
        return [result];
    }

    public override string[] EmitOnnx(OnnxGraph graph, string observations, string descriptors, string hint)
    {
        var normalized = normalizer.EmitOnnx(graph, descriptors, hint);
        var modulation = graph.Mlp(normalized, generator.Layers, ActivationKind.Elu, hint + ".film"); // [N, 2 * sum(hidden)]
        var total = hiddenSizes.Sum();
        var x = observations;
        long offset = 0;
        for (var i = 0; i < layers.Layers.Count; i++)
        {
            x = graph.Affine(x, layers.Layers[i], $"{hint}.layer{i}");
            if (i == layers.Layers.Count - 1) break;
            var gamma = graph.Slice(modulation, 1, offset, hiddenSizes[i]);
            var beta = graph.Slice(modulation, 1, total + offset, hiddenSizes[i]);
            offset += hiddenSizes[i];
            x = graph.Activation(activation, graph.Add(graph.Mul(gamma, x), beta));
        }
        return [x];
    }

    public override Tensor Forward(Tensor observations, Tensor descriptors)
    {
        var normalized = normalizer.Forward(descriptors.dim() == 1 ? descriptors.unsqueeze(0) : descriptors);
        var modulation = generator.Forward(normalized, ActivationKind.Elu, activateLast: false); // [B or 1, 2 * sum(hidden)]
        var total = hiddenSizes.Sum();
        var current = layers.CurrentLayers();
        var x = observations;
        long offset = 0;
        for (var i = 0; i < current.Count; i++)
        {
            x = FunctionalMlp.Affine(x, current[i]);
            if (i == current.Count - 1) break;
            var gamma = modulation.narrow(1, offset, hiddenSizes[i]);
            var beta = modulation.narrow(1, total + offset, hiddenSizes[i]);
            offset += hiddenSizes[i];
            x = Activations.Apply(activation, addcmul(beta, gamma, x, 1));
        }
        return x;
    }
}
