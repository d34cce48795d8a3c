using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Conditioning;

/// <summary>x_norm = 2 (x - low) / (high - low) - 1 from the declared ranges; a constant dimension (low == high) maps to 0.</summary>
internal sealed class DescriptorNormalizer : nn.Module
{
    private readonly Tensor low;
    private readonly Tensor twoOverRange;

    public DescriptorNormalizer(string name, float[] low, float[] high) : base(name)
    {
        var scale = low.Zip(high, (l, h) => h > l ? 2f / (h - l) : 0f).ToArray();
        this.low = tensor(low);
        twoOverRange = tensor(scale);
        register_buffer("low", this.low);
        register_buffer("two_over_range", twoOverRange);
        Size = low.Length;
    }

    public int Size { get; }

    public Tensor Forward(Tensor descriptor)
    {
        if (descriptor.shape[^1] != Size)
            throw new ArgumentException($"descriptor has {descriptor.shape[^1]} values per row, the policy expects {Size}");
        var normalized = (descriptor - low) * twoOverRange - 1;
        // A constant dimension has no information; keep it at 0 instead of -1.
        return normalized * twoOverRange.ne(0);
    }
}
