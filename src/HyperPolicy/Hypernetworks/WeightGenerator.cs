using HyperRL.HyperPolicy.MainNetworks;
using HyperRL.HyperPolicy.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Hypernetworks;

/// <summary>A hypernetwork: normalized descriptors [U, d] -> weights of the generated main-net layers, one set per row.</summary>
internal abstract class WeightGenerator(string name, IReadOnlyList<MainLayerShape> layers) : nn.Module(name)
{
    public IReadOnlyList<MainLayerShape> Layers { get; } = layers;

    private FlatParameterLayout? flatLayout; // built on the first masked generation

    /// <summary>Weights [U, In, Out] and biases [U, Out] of every generated layer.</summary>
    public abstract IReadOnlyList<LayerWeights> Generate(Tensor normalizedDescriptors);

    /// <summary>
    /// <see cref="Generate"/> with every generated entry multiplied by <paramref name="flatMask"/> [U, total] (the flat
    /// order of <see cref="FlatParameterLayout"/>): per layer here; one multiply where the generator has the flat
    /// vector anyway.
    /// </summary>
    public virtual IReadOnlyList<LayerWeights> GenerateMasked(Tensor normalizedDescriptors, Tensor flatMask)
    {
        var mask = (flatLayout ??= new FlatParameterLayout(Layers)).Split(flatMask);
        return Generate(normalizedDescriptors).Select((layer, i) => new LayerWeights(layer.Weight * mask[i].Weight, layer.Bias * mask[i].Bias)).ToArray();
    }

    /// <summary>The same in <paramref name="graph"/>: normalized descriptors [N, d] -> per-row weights and biases of every
    /// generated layer.</summary>
    public abstract IReadOnlyList<OnnxLayer> EmitOnnx(OnnxGraph graph, string normalizedDescriptors, string hint);

    /// <summary>Weights [In, Out] and biases [Out] for ONE descriptor [1, d]: the shared-descriptor path, where
    /// every op saved counts because small networks are dominated by per-op overhead.</summary>
    public virtual IReadOnlyList<LayerWeights> GenerateShared(Tensor normalizedDescriptor) =>
        Generate(normalizedDescriptor).Select(layer => layer.Row(0)).ToArray();

    /// <summary>
    /// A parameter every optimizer step changes: the output bias nearest the generated weights receives the gradient
    /// of every generated entry, so any gradient step on this hypernetwork moves it. The weight cache compares it.
    /// </summary>
    public abstract Tensor ChangeSentinel { get; }
}
