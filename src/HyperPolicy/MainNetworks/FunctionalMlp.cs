using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.MainNetworks;

/// <summary>
/// An MLP whose weights are arguments: shared weights take the plain addmm path, batched weights
/// (each row with its own generated weights) take bmm. Both compute y = x W + b.
/// </summary>
internal static class FunctionalMlp
{
    public static Tensor Forward(Tensor x, IReadOnlyList<LayerWeights> layers, ActivationKind activation, bool activateLast = false)
    {
        for (var i = 0; i < layers.Count; i++)
        {
            x = Affine(x, layers[i]);
            if (i < layers.Count - 1 || activateLast) x = Activations.Apply(activation, x);
        }
        return x;
    }

    public static Tensor Affine(Tensor x, LayerWeights layer)
    {
        if (!layer.IsBatched) return layer.Bias.addmm(x, layer.Weight);
        // [B,1,In] x [B,In,Out] -> [B,Out]. bmm + add rather than baddbmm: TorchSharp 0.107's baddbmm binding
        // mixes up its arguments (it fails with a shape error on valid inputs).
        return x.unsqueeze(1).bmm(layer.Weight).squeeze(1).add_(layer.Bias);
    }
}
