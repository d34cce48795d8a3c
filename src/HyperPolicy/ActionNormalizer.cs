using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>
/// Actions in the box [low, high] -> [-1, 1], a_norm = a * scale + offset (one fused op): critics then read actions
/// on the scale of their other inputs whatever the environment's units. Needs finite bounds with low &lt; high.
/// </summary>
internal sealed class ActionNormalizer : nn.Module
{
    // Each field is named as its buffer: module.to(...) replaces buffers and updates the fields of the same name.
    private readonly Tensor scale;
    private readonly Tensor offset;

    public ActionNormalizer(string name, float[] low, float[] high) : base(name)
    {
        var scaleValues = low.Zip(high, (l, h) => 2f / (h - l)).ToArray();
        var offsetValues = low.Zip(scaleValues, (l, s) => -l * s - 1f).ToArray();
        scale = tensor(scaleValues);
        offset = tensor(offsetValues);
        register_buffer("scale", scale);
        register_buffer("offset", offset);
    }

    public Tensor Forward(Tensor actions) => addcmul(offset, actions, scale, 1);
}
