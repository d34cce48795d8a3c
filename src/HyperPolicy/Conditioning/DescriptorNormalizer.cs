using HyperRL.HyperPolicy.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Conditioning;

/// <summary>x_norm = 2 (x - low) / (high - low) - 1 from the declared ranges; a constant dimension (low == high) maps to 0.</summary>
internal sealed class DescriptorNormalizer : nn.Module
{
    private readonly Tensor scale;
    private readonly Tensor offset;

    public DescriptorNormalizer(string name, float[] low, float[] high) : base(name)
    {
        // x_norm = x * scale + offset with scale = 2 / (high - low), offset = -low * scale - 1: one fused op per call.
        // A constant dimension (low == high) carries no information: scale = offset = 0 keeps it at 0.
        var scaleValues = low.Zip(high, (l, h) => h > l ? 2f / (h - l) : 0f).ToArray();
        var offsetValues = low.Zip(scaleValues, (l, s) => s == 0f ? 0f : -l * s - 1f).ToArray();
        scale = tensor(scaleValues);
        offset = tensor(offsetValues);
        register_buffer("scale", scale);
        register_buffer("offset", offset);
        Size = low.Length;
    }

    public int Size { get; }

    /// <summary>x_norm = x * Scale + Offset, as arrays.</summary>
    internal (float[] Scale, float[] Offset) Affine() => (HostValues.Copy(scale), HostValues.Copy(offset));

    /// <summary>Raw descriptors [N, d] -> normalized ones in <paramref name="graph"/>.</summary>
    public string EmitOnnx(OnnxGraph graph, string descriptors, string hint) =>
        graph.Add(graph.Mul(descriptors, graph.Constant(hint + ".descriptor_scale", scale)), graph.Constant(hint + ".descriptor_offset", offset));

    public Tensor Forward(Tensor descriptor)
    {
        if (descriptor.shape[^1] != Size)
            throw new ArgumentException($"descriptor has {descriptor.shape[^1]} values per row, the policy expects {Size}");
        return addcmul(offset, descriptor, scale, 1);
    }
}
