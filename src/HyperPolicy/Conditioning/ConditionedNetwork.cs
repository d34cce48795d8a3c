using HyperRL.HyperPolicy.MainNetworks;
using HyperRL.HyperPolicy.Onnx;
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

    /// <summary>The noisy layers' noise, in the order of one flat draw (empty unless built noisy).</summary>
    public virtual IReadOnlyList<FactorizedNoise> NoisyParts => [];

    /// <summary>The hidden layers' activation (none after the last layer).</summary>
    public abstract ActivationKind Activation { get; }

    /// <summary>
    /// For ONE raw descriptor [d]: the layers of the plain MLP that computes exactly what this network computes for
    /// that descriptor (the descriptor folded into weights and biases). Every scheme has one: concat folds the
    /// descriptor's columns into the first bias, FiLM its scales and shifts into each hidden layer, a hypernetwork
    /// generates them. Call under no_grad; one list per main network (hypernetworks may generate several). Noisy
    /// networks include their current noise in training mode, and give mu in eval mode.
    /// </summary>
    public abstract IReadOnlyList<LayerWeights>[] EffectiveLayersEach(Tensor descriptor);

    /// <summary>
    /// This network's own computation in <paramref name="graph"/>: observations [N, obs] and raw descriptors [N, d] to
    /// the raw outputs [N, out] of each main network, with the current weights, as <see cref="Forward"/> computes them.
    /// </summary>
    public abstract string[] EmitOnnx(OnnxGraph graph, string observations, string descriptors, string hint);

    /// <summary>Descriptor [d] or [B, d] -> [B, d].</summary>
    protected static Tensor PerRow(Tensor descriptors, long batch) =>
        descriptors.dim() == 1 ? descriptors.unsqueeze(0).expand(batch, -1) : descriptors;
}
