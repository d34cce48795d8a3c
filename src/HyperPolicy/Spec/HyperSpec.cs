namespace HyperRL.HyperPolicy;

/// <summary>Hypernetwork settings (used when conditioning is hyper).</summary>
public sealed record HyperSpec
{
    public HyperKind Kind { get; init; } = HyperKind.Full;
    /// <summary>Size of the descriptor embedding the encoder produces.</summary>
    public int Embedding { get; init; } = 32;
    /// <summary>Hidden sizes of the descriptor encoder MLP.</summary>
    public IReadOnlyList<int> EncoderHidden { get; init; } = [64];
    /// <summary>chunked: number of main-net parameters each generator call produces.</summary>
    public int ChunkSize { get; init; } = 256;
    /// <summary>chunked: size of the learned per-chunk embedding.</summary>
    public int ChunkEmbedding { get; init; } = 8;
    /// <summary>chunked: hidden size of the shared chunk generator.</summary>
    public int ChunkHidden { get; init; } = 64;
    /// <summary>lowrank: rank r of each generated matrix U V^T.</summary>
    public int Rank { get; init; } = 4;
    /// <summary>Generate only the last k main-net layers (the earlier ones are ordinary trained weights); null = all.</summary>
    public int? GeneratedLayers { get; init; }
    public HyperInit Init { get; init; } = HyperInit.HyperfanIn;
    /// <summary>'hyper + concat': the normalized descriptor is also appended to the main network's input (its first
    /// layer, generated or trained, then takes observation + descriptor), as the 'concat' scheme does.</summary>
    public bool ConcatInput { get; init; }
}
