using HyperRL.HyperPolicy.MainNetworks;
using HyperRL.HyperPolicy.Onnx;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Hypernetworks;

/// <summary>Each generated matrix is a rank-r product W = U V^T (U [In, r], V [Out, r]) plus a generated bias.</summary>
internal sealed class LowRankHypernetwork : WeightGenerator
{
    private readonly DescriptorEncoder encoder;
    private readonly int rank;
    private readonly int total;
    // Named as registered, so that moving the module (which replaces parameters) re-points these fields.
    [ComponentName(Name = "output_weight")] private readonly TorchSharp.Modules.Parameter outputWeight; // [E, total]
    [ComponentName(Name = "output_bias")] private readonly TorchSharp.Modules.Parameter outputBias;     // [total]

    public LowRankHypernetwork(string name, int descriptorSize, HyperSpec spec, IReadOnlyList<MainLayerShape> layers, bool orthogonal)
        : base(name, layers)
    {
        encoder = new DescriptorEncoder("encoder", descriptorSize, spec.EncoderHidden, spec.Embedding);
        rank = spec.Rank;
        total = layers.Sum(FactorCount);
        double fourthNorm;
        using (var scope = NewDisposeScope())
        using (no_grad())
            fourthNorm = EmbeddingMoments.MeanFourthNorm(encoder.Forward(EmbeddingMoments.SampleNormalizedDescriptors(descriptorSize)));
        var init = spec.Init == HyperInit.HyperfanOut ? HyperInit.HyperfanOut : HyperInit.HyperfanIn;
        outputWeight = nn.Parameter(randn(spec.Embedding, total) * tensor(FactorStd(init, orthogonal, fourthNorm)));
        outputBias = nn.Parameter(zeros(total));
        register_module("encoder", encoder);
        register_parameter("output_weight", outputWeight);
        register_parameter("output_bias", outputBias);
    }

    public override Tensor ChangeSentinel => outputBias;

    public override IReadOnlyList<LayerWeights> Generate(Tensor normalizedDescriptors)
    {
        var flat = outputBias.addmm(encoder.Forward(normalizedDescriptors), outputWeight);
        var rows = flat.shape[0];
        var result = new List<LayerWeights>(Layers.Count);
        long offset = 0;
        foreach (var layer in Layers)
        {
            var u = flat.narrow(1, offset, layer.In * rank).view(rows, layer.In, rank);
            offset += layer.In * rank;
            var v = flat.narrow(1, offset, layer.Out * rank).view(rows, layer.Out, rank);
            offset += layer.Out * rank;
            var bias = flat.narrow(1, offset, layer.Out);
            offset += layer.Out;
            result.Add(new LayerWeights(bmm(u, v.transpose(1, 2)), bias));
        }
        return result;
    }

    public override IReadOnlyList<OnnxLayer> EmitOnnx(OnnxGraph graph, string normalizedDescriptors, string hint)
    {
        var embedding = encoder.EmitOnnx(graph, normalizedDescriptors, hint);
        var flat = graph.Add(graph.MatMul(embedding, graph.Constant(hint + ".output_weight", outputWeight)), graph.Constant(hint + ".output_bias", outputBias));
        var result = new List<OnnxLayer>(Layers.Count);
        long offset = 0;
        foreach (var layer in Layers)
        {
            var u = graph.Reshape(graph.Slice(flat, 1, offset, layer.In * rank), 0, layer.In, rank);
            offset += layer.In * rank;
            var v = graph.Reshape(graph.Slice(flat, 1, offset, layer.Out * rank), 0, layer.Out, rank);
            offset += layer.Out * rank;
            var bias = graph.Slice(flat, 1, offset, layer.Out);
            offset += layer.Out;
            result.Add(new OnnxLayer(graph.MatMul(u, graph.Transpose(v, 0, 2, 1)), bias));
        }
        return result;
    }

    private int FactorCount(MainLayerShape layer) => (layer.In + layer.Out) * rank + layer.Out;

    /// <summary>
    /// U = A e, V = B e with A, B independent: E[W_ij^2] = r Var(A) Var(B_j) E[|e|^4].
    /// Var(A) = 1/sqrt(E|e|^4) and Var(B_j) = target_j / (r sqrt(E|e|^4)) give E[W_ij^2] = target_j. Biases start at 0.
    /// </summary>
    private float[] FactorStd(HyperInit init, bool orthogonal, double fourthNorm)
    {
        var std = new List<float>(total);
        var root = Math.Sqrt(fourthNorm);
        foreach (var layer in Layers)
        {
            std.AddRange(Enumerable.Repeat((float)Math.Sqrt(1 / root), layer.In * rank));
            for (var j = 0; j < layer.Out; j++)
            {
                var target = MainLayerInit.TargetVariance(layer, j, init, orthogonal);
                std.AddRange(Enumerable.Repeat((float)Math.Sqrt(target / (rank * root)), rank));
            }
            std.AddRange(Enumerable.Repeat(0f, layer.Out));
        }
        return std.ToArray();
    }
}
