using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Onnx;

/// <summary>
/// A policy model's current weights as an ONNX graph, so applications can act with it without HyperRL or torch.
/// Inputs: "obs" float32 [N, obs] and, with <see cref="OnnxExportOptions.WithDescriptorInput"/>, "descriptor" float32
/// [N, d] (raw values; the descriptor normalization is in the graph). Outputs, by model kind: "action" (int64 [N] for
/// categorical and Q heads: the argmax; float32 [N, A] for Gaussian heads: the mean clipped into the action box, for
/// tanh_gaussian c + h tanh(mean)), then "logits" [N, n] (categorical) or "mean" and "log_std" [N, A] (Gaussian heads,
/// pre-squash for tanh_gaussian), then "value" [N] (actor-critic) or "q" [N, n] (Q network).
/// </summary>
public static class OnnxExport
{
    /// <summary>The default-domain opset every graph imports: 17 has every operator used here in its current form
    /// (Squeeze/Unsqueeze/Slice with tensor axes, Clip with tensor bounds) and runs on every maintained runtime.</summary>
    public const int Opset = 17;

    /// <summary>The IR version released with opset 17 (ONNX 1.12); runtimes that read opset 17 read it.</summary>
    public const long IrVersion = 8;

    public static OnnxPolicyGraph Build(PolicyModel model, OnnxExportOptions options)
    {
        var shapes = model.Shapes;
        if (options.Descriptor is { } values)
        {
            if (values.Length != shapes.DescriptorSize)
                throw new ArgumentException($"the descriptor has {values.Length} values, the policy reads {shapes.DescriptorSize}");
            if (values.Any(v => !float.IsFinite(v))) throw new ArgumentException("the descriptor values must be finite numbers");
        }
        else if (shapes.DescriptorSize == 0)
        {
            throw new ArgumentException("the policy has no descriptor to read at run time: export it for its (empty) descriptor instead");
        }
        options.Observations?.Check(shapes.ObservationSize);

        var graph = new OnnxGraph();
        var observations = graph.Input("obs", shapes.ObservationSize);
        var descriptorInput = options.Descriptor is null ? graph.Input("descriptor", shapes.DescriptorSize) : null;
        if (options.Observations is { } normalization) observations = Normalize(graph, observations, normalization);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var conditioning = descriptorInput is not null
            ? OnnxConditioning.FromInput(graph, observations, descriptorInput)
            : OnnxConditioning.Fixed(graph, observations, tensor(options.Descriptor!, device: model.parameters().First().device));
        model.EmitOnnx(conditioning);
        return new OnnxPolicyGraph(graph.ToModelBytes(options.ProducerVersion), graph.Inputs, graph.Outputs);
    }

    private static string Normalize(OnnxGraph graph, string observations, ObservationNormalization normalization)
    {
        var size = normalization.Mean.Length;
        var centered = graph.Sub(observations, graph.Constant("obs_mean", normalization.Mean, size));
        var scaled = graph.Div(centered, graph.Constant("obs_std", normalization.Std, size));
        return graph.Clip(scaled, -normalization.Clip, normalization.Clip);
    }
}
