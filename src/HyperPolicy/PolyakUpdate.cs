using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>
/// Target-network updates, one implementation for every network kind: target = tau * source + (1 - tau) * target for
/// each parameter (Polyak averaging, SAC and TD3; tau = 1 is DQN's hard copy), and buffers copied. The caller drops
/// the target's generated-weight caches afterwards: the update edits parameters in place, which no cache can see.
/// </summary>
internal static class PolyakUpdate
{
    public static void Apply(nn.Module target, nn.Module source, double tau)
    {
        if (!(tau >= 0 && tau <= 1)) throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be in [0, 1]");
        using var noGrad = no_grad();
        foreach (var (targetParameter, sourceParameter) in Pair(target.named_parameters(), source.named_parameters()))
        {
            if (tau == 1.0) targetParameter.copy_(sourceParameter);
            else targetParameter.mul_(1 - tau).add_(sourceParameter, alpha: tau);
        }
        foreach (var (targetBuffer, sourceBuffer) in Pair(target.named_buffers(), source.named_buffers()))
            targetBuffer.copy_(sourceBuffer);
    }

    /// <summary>Same-named tensors of the same shape, in order; anything else means the networks differ in structure.</summary>
    private static IEnumerable<(Tensor Target, Tensor Source)> Pair<T>(IEnumerable<(string Name, T Tensor)> target, IEnumerable<(string Name, T Tensor)> source)
        where T : Tensor
    {
        var targets = target.ToList();
        var sources = source.ToList();
        if (targets.Count != sources.Count)
            throw new ArgumentException($"target and source networks differ in structure: {targets.Count} vs {sources.Count} tensors");
        for (var i = 0; i < targets.Count; i++)
        {
            if (targets[i].Name != sources[i].Name || !targets[i].Tensor.shape.SequenceEqual(sources[i].Tensor.shape))
                throw new ArgumentException($"target and source networks differ in structure at '{targets[i].Name}' vs '{sources[i].Name}'");
            yield return (targets[i].Tensor, sources[i].Tensor);
        }
    }
}
