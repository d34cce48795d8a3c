using HyperRL.HyperPolicy.Conditioning;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Onnx;

/// <summary>
/// How a model's conditioned networks enter a graph, so each model kind describes its outputs once for both export
/// modes: for a fixed descriptor, the plain MLP <see cref="ConditionedNetwork.EffectiveLayersEach"/> folds it into
/// (what the C# acting path runs); with a descriptor input, the network's own computation on it.
/// </summary>
internal sealed class OnnxConditioning
{
    private readonly Tensor? descriptor;
    private readonly string? descriptorInput;

    private OnnxConditioning(OnnxGraph graph, string observations, Tensor? descriptor, string? descriptorInput)
    {
        Graph = graph;
        Observations = observations;
        this.descriptor = descriptor;
        this.descriptorInput = descriptorInput;
    }

    public OnnxGraph Graph { get; }

    /// <summary>The observations as the networks read them (normalized when the export normalizes).</summary>
    public string Observations { get; }

    /// <param name="descriptor">Raw descriptor [d] on the model's device; the caller keeps it alive while emitting.</param>
    public static OnnxConditioning Fixed(OnnxGraph graph, string observations, Tensor descriptor) => new(graph, observations, descriptor, null);

    public static OnnxConditioning FromInput(OnnxGraph graph, string observations, string descriptorInput) =>
        new(graph, observations, null, descriptorInput);

    /// <summary>The raw outputs [N, out] of each main network of <paramref name="network"/> on the observations.</summary>
    public string[] Outputs(ConditionedNetwork network, string hint)
    {
        if (descriptorInput is not null) return network.EmitOnnx(Graph, Observations, descriptorInput, hint);
        var perNetwork = network.EffectiveLayersEach(descriptor!);
        return perNetwork.Select((layers, net) => Graph.Mlp(Observations, layers, network.Activation, perNetwork.Length == 1 ? hint : $"{hint}{net}")).ToArray();
    }
}
