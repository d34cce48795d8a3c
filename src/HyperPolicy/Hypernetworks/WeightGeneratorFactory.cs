using HyperRL.HyperPolicy.MainNetworks;

namespace HyperRL.HyperPolicy.Hypernetworks;

internal static class WeightGeneratorFactory
{
    public static WeightGenerator Create(string name, int descriptorSize, HyperSpec spec, IReadOnlyList<MainLayerShape> layers, bool orthogonal) =>
        spec.Kind switch
        {
            HyperKind.Full => new FullHypernetwork(name, descriptorSize, spec, layers, orthogonal),
            HyperKind.Chunked => new ChunkedHypernetwork(name, descriptorSize, spec, layers, orthogonal),
            HyperKind.LowRank => new LowRankHypernetwork(name, descriptorSize, spec, layers, orthogonal),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, null),
        };
}
