using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Conditioning;

/// <summary>
/// An MLP from observations to raw outputs, conditioned on the task descriptor by one of the schemes of the spec.
/// desc is [B, d] (one descriptor per row) or [d] (shared by the whole batch), raw values (normalized inside).
/// </summary>
internal abstract class ConditionedNetwork(string name) : nn.Module(name)
{
    public abstract Tensor Forward(Tensor observations, Tensor descriptors);

    /// <summary>Forget any weights generated from the current parameters (hyper conditioning only).</summary>
    public virtual void InvalidateGeneratedWeights() { }

    /// <summary>Descriptor [d] or [B, d] -> [B, d].</summary>
    protected static Tensor PerRow(Tensor descriptors, long batch) =>
        descriptors.dim() == 1 ? descriptors.unsqueeze(0).expand(batch, -1) : descriptors;
}
