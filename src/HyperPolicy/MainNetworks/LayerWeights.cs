using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.MainNetworks;

/// <summary>
/// Weights of one main-net layer. Shared by the batch: Weight [In, Out], Bias [Out].
/// Batched (one weight set per row): Weight [B, In, Out], Bias [B, Out].
/// </summary>
internal sealed record LayerWeights(Tensor Weight, Tensor Bias)
{
    public bool IsBatched => Weight.dim() == 3;

    /// <param name="rowIndex">int64 [B] on the weights' device.</param>
    public LayerWeights SelectRows(Tensor rowIndex) => new(RowGather.Rows(Weight, rowIndex), RowGather.Rows(Bias, rowIndex));

    public LayerWeights Row(long index) => new(Weight[index], Bias[index]);
}
