namespace HyperRL.HyperPolicy.Onnx;

/// <summary>
/// What <see cref="OnnxExport"/> writes. Either the plain network for one descriptor (<see cref="ForDescriptor"/>:
/// generated weights for hyper, FiLM and concat folded in; the graph's only input is the observation) or the whole
/// conditioned network (<see cref="WithDescriptorInput"/>: the descriptor is a second input, read at run time).
/// </summary>
public sealed record OnnxExportOptions
{
    private OnnxExportOptions(float[]? descriptor) => Descriptor = descriptor;

    /// <summary>Raw descriptor values the network is specialized for; null when the descriptor is a graph input.</summary>
    public float[]? Descriptor { get; }

    /// <summary>Raw observations are normalized inside the graph (null: the graph reads them as given).</summary>
    public ObservationNormalization? Observations { get; init; }

    /// <summary>Text for the model's producer_version field.</summary>
    public string ProducerVersion { get; init; } = "";

    public static OnnxExportOptions ForDescriptor(float[] descriptor) => new((float[])descriptor.Clone());

    public static OnnxExportOptions WithDescriptorInput() => new(descriptor: null);
}
