using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Hypernetworks;

/// <summary>
/// Moments of a hypernetwork's internal features over descriptors drawn uniformly from the normalized box [-1, 1]^d.
/// Hyperfan init (Chang et al. 2020) needs Var(e) of the embedding; we measure it instead of assuming it, which
/// keeps the init exact whatever the encoder.
/// </summary>
internal static class EmbeddingMoments
{
    public const int SampleCount = 512;

    public static Tensor SampleNormalizedDescriptors(int descriptorSize) => rand(SampleCount, descriptorSize) * 2 - 1;

    /// <summary>Mean of e_k^2 over samples and features.</summary>
    public static double MeanSquare(Tensor features) => features.square().mean().item<float>();

    /// <summary>Mean of |e|^4 (squared norm squared) over samples.</summary>
    public static double MeanFourthNorm(Tensor features) => features.square().sum(1).square().mean().item<float>();
}
