using HyperRL.HyperPolicy.MainNetworks;
using HyperRL.HyperPolicy.Onnx;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Hypernetworks;

/// <summary>
/// Chunked hypernetwork (Ha et al. 2016; von Oswald et al. 2020, hypnettorch's ChunkedHMLP): one shared generator maps
/// [embedding; chunk embedding k] to chunk k of the flat main-net parameters, so its size does not grow with the main net.
/// The generator has a hidden layer: with a purely linear one the descriptor would shift every chunk identically.
/// Its output is trained at unit scale and multiplied by a fixed per-entry std (the hyperfan target of that entry),
/// because one shared generator cannot give each layer its own scale.
/// </summary>
internal sealed class ChunkedHypernetwork : WeightGenerator
{
    private readonly DescriptorEncoder encoder;
    private readonly FlatParameterLayout layout;
    private readonly int chunkSize;
    private readonly int chunkCount;
    // Named as registered, so that moving the module (which replaces parameters and buffers) re-points these fields.
    [ComponentName(Name = "chunk_embeddings")] private readonly TorchSharp.Modules.Parameter chunkEmbeddings;         // [K, Ec]
    [ComponentName(Name = "hidden_from_embedding")] private readonly TorchSharp.Modules.Parameter hiddenFromEmbedding; // [E, H]
    [ComponentName(Name = "hidden_from_chunk")] private readonly TorchSharp.Modules.Parameter hiddenFromChunk;         // [Ec, H]
    [ComponentName(Name = "hidden_bias")] private readonly TorchSharp.Modules.Parameter hiddenBias;                    // [H]
    [ComponentName(Name = "output_weight")] private readonly TorchSharp.Modules.Parameter outputWeight;                // [H, C]
    [ComponentName(Name = "output_bias")] private readonly TorchSharp.Modules.Parameter outputBias;                    // [C]
    [ComponentName(Name = "entry_scale")] private readonly Tensor entryScale;                                          // [P], fixed

    public ChunkedHypernetwork(string name, int descriptorSize, HyperSpec spec, IReadOnlyList<MainLayerShape> layers, bool orthogonal)
        : base(name, layers)
    {
        encoder = new DescriptorEncoder("encoder", descriptorSize, spec.EncoderHidden, spec.Embedding);
        layout = new FlatParameterLayout(layers);
        chunkSize = spec.ChunkSize;
        chunkCount = (layout.Total + chunkSize - 1) / chunkSize;
        var hidden = spec.ChunkHidden;
        var inputSize = spec.Embedding + spec.ChunkEmbedding;
        chunkEmbeddings = nn.Parameter(randn(chunkCount, spec.ChunkEmbedding));
        hiddenFromEmbedding = nn.Parameter(randn(spec.Embedding, hidden) / Math.Sqrt(inputSize));
        hiddenFromChunk = nn.Parameter(randn(spec.ChunkEmbedding, hidden) / Math.Sqrt(inputSize));
        hiddenBias = nn.Parameter(zeros(hidden));
        double meanSquare;
        using (var scope = NewDisposeScope())
        using (no_grad())
            meanSquare = EmbeddingMoments.MeanSquare(Hidden(encoder.Forward(EmbeddingMoments.SampleNormalizedDescriptors(descriptorSize))));
        // Unit-variance output: Var(out) = H * s^2 * E[h^2] = 1.
        outputWeight = nn.Parameter(randn(hidden, chunkSize) / Math.Sqrt(hidden * meanSquare));
        outputBias = nn.Parameter(zeros(chunkSize));
        // Biases get a small random start (0.1 of their layer's weight std): a zero scale would freeze them.
        var init = spec.Init == HyperInit.HyperfanOut ? HyperInit.HyperfanOut : HyperInit.HyperfanIn;
        entryScale = tensor(layout.TargetStd(init, orthogonal, biasStdFraction: 0.1f));
        register_module("encoder", encoder);
        register_parameter("chunk_embeddings", chunkEmbeddings);
        register_parameter("hidden_from_embedding", hiddenFromEmbedding);
        register_parameter("hidden_from_chunk", hiddenFromChunk);
        register_parameter("hidden_bias", hiddenBias);
        register_parameter("output_weight", outputWeight);
        register_parameter("output_bias", outputBias);
        register_buffer("entry_scale", entryScale);
    }

    public int ChunkCount => chunkCount;

    public override Tensor ChangeSentinel => outputBias;

    public override IReadOnlyList<LayerWeights> Generate(Tensor normalizedDescriptors)
    {
        var embedding = encoder.Forward(normalizedDescriptors);
        var rows = embedding.shape[0];
        var chunks = outputBias.addmm(Hidden(embedding).reshape(rows * chunkCount, -1), outputWeight); // [U*K, C]
        var flat = chunks.view(rows, chunkCount * chunkSize).narrow(1, 0, layout.Total) * entryScale;
        return layout.Split(flat);
    }

    public override IReadOnlyList<OnnxLayer> EmitOnnx(OnnxGraph graph, string normalizedDescriptors, string hint)
    {
        var embedding = encoder.EmitOnnx(graph, normalizedDescriptors, hint);
        var fromEmbedding = graph.Unsqueeze(graph.MatMul(embedding, graph.Constant(hint + ".hidden_from_embedding", hiddenFromEmbedding)), 1); // [N, 1, H]
        // The chunks' part of the hidden layer does not depend on the descriptor: one constant [1, K, H].
        string fromChunk;
        using (NewDisposeScope())
            fromChunk = graph.Constant(hint + ".hidden_from_chunk", hiddenBias.addmm(chunkEmbeddings, hiddenFromChunk).unsqueeze(0));
        var hidden = graph.Elu(graph.Add(fromEmbedding, fromChunk)); // [N, K, H]
        var chunks = graph.Add(graph.MatMul(hidden, graph.Constant(hint + ".output_weight", outputWeight)), graph.Constant(hint + ".output_bias", outputBias));
        var flat = graph.Slice(graph.Reshape(chunks, 0, (long)chunkCount * chunkSize), 1, 0, layout.Total);
        return layout.EmitSplit(graph, graph.Mul(flat, graph.Constant(hint + ".entry_scale", entryScale)));
    }

    /// <summary>[U, E] -> [U, K, H]: the first generator layer applied to [e; z_k] for every chunk, without building the concatenation.</summary>
    private Tensor Hidden(Tensor embedding)
    {
        var fromEmbedding = embedding.mm(hiddenFromEmbedding).unsqueeze(1);                 // [U, 1, H]
        var fromChunk = hiddenBias.addmm(chunkEmbeddings, hiddenFromChunk).unsqueeze(0); // [1, K, H]
        return nn.functional.elu(fromEmbedding + fromChunk, 1.0);
    }
}
