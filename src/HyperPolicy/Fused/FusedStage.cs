using HyperRL.HyperPolicy.MainNetworks;

namespace HyperRL.HyperPolicy.Fused;

/// <summary>What a stage reads.</summary>
internal enum StageInput
{
    /// <summary>The batch's observations [B, obs].</summary>
    Observations,

    /// <summary>[B, obs + d]: each observation followed by its normalized descriptor ('concat').</summary>
    ObservationsWithDescriptor,

    /// <summary>[U, d]: the batch's distinct descriptors, normalized (a hypernetwork's encoder).</summary>
    NormalizedDescriptors,

    /// <summary>Columns [InputOffset, InputOffset + InputWidth) of an earlier stage's output.</summary>
    Stage,
}

/// <summary>Where a stage's weights live.</summary>
internal enum StageWeights
{
    /// <summary>Trained parameters: one set for the whole batch, offsets into the optimizer's flat buffer.</summary>
    Parameters,

    /// <summary>Generated: each descriptor group's rows use that group's slice of the generator stage's output.</summary>
    Generated,
}

/// <summary>
/// A run of affine layers with one activation between them (and after the last when <see cref="ActivateLast"/>):
/// the unit the fused path computes and differentiates. A network is a list of stages in forward order.
/// <see cref="PerDescriptor"/> stages (a hypernetwork's encoder and output layer) run on one row per distinct
/// descriptor instead of one per batch row.
/// </summary>
internal sealed record FusedStage(
    StageInput Input, int InputStage, int InputOffset, int InputWidth, IReadOnlyList<FusedLayer> Layers, StageWeights Weights,
    ActivationKind Activation, bool ActivateLast, bool PerDescriptor = false)
{
    public int OutputWidth => Layers[^1].Out;

    public bool Activated(int layer) => layer < Layers.Count - 1 || ActivateLast;
}
