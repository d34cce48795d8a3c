using HyperRL.HyperPolicy.Inference;

namespace HyperRL.HyperPolicy;

/// <summary>
/// Acts with an actor-critic's current weights in plain C#, one row at a time: what rollouts and evaluations need,
/// where batches are a few rows and TorchSharp's per-op overhead (tens of microseconds per step) would cost more
/// than the arithmetic. For each distinct descriptor the network is reduced once to a plain MLP (hypernetwork:
/// generated weights; FiLM and concat: folded into weights and biases) and copied to arrays; <see cref="Refresh"/>
/// drops those copies and must be called after every parameter change. Matches the torch forward to float rounding
/// (tested). Samples with the caller's <see cref="Random"/>, so a seeded one makes rollouts reproducible.
/// Not thread-safe.
/// </summary>
public sealed class ActorCriticInference
{
    private readonly ActorCritic policy;
    private readonly SnapshotCache<ActorCriticSnapshot> cache;

    /// <param name="architecture">With an architecture space: the architecture to act with (null = the policy's default).</param>
    public ActorCriticInference(ActorCritic policy, int? architecture = null)
    {
        this.policy = policy;
        cache = new SnapshotCache<ActorCriticSnapshot>(descriptor => policy.Snapshot(descriptor, architecture));
    }

    /// <summary>Number of descriptors with a snapshot right now.</summary>
    public int CachedDescriptors => cache.Count;

    /// <summary>Forget the weights copied so far (call after every optimizer step or weight load).</summary>
    public void Refresh() => cache.Clear();

    /// <summary>
    /// For each row: an action (sampled, or the mode when deterministic) written to <paramref name="discreteActions"/>
    /// or, row-major, to <paramref name="continuousActions"/>; its log-probability; and V(s). Observations [rows x obs]
    /// as the network reads them (already normalized), raw descriptors [rows x d].
    /// </summary>
    public void Act(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows, bool deterministic, Random rng,
        Span<int> discreteActions, Span<float> continuousActions, Span<float> logProbs, Span<float> values)
    {
        var (obsSize, descSize, actionSize) = CheckRows(observations, descriptors, rows);
        var discrete = policy.Shapes.ActionKind == ActionKind.Discrete;
        for (var row = 0; row < rows; row++)
        {
            var snapshot = cache.For(descriptors.Slice(row * descSize, descSize));
            var action = discrete ? Span<float>.Empty : continuousActions.Slice(row * actionSize, actionSize);
            logProbs[row] = snapshot.Act(observations.Slice(row * obsSize, obsSize), deterministic, rng, out var index, action, out var value);
            values[row] = value;
            if (discrete) discreteActions[row] = index;
        }
    }

    /// <summary>V(s) of each row.</summary>
    public void Values(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows, Span<float> values)
    {
        var (obsSize, descSize, _) = CheckRows(observations, descriptors, rows);
        for (var row = 0; row < rows; row++)
            values[row] = cache.For(descriptors.Slice(row * descSize, descSize)).Value(observations.Slice(row * obsSize, obsSize));
    }

    private (int ObservationSize, int DescriptorSize, int ActionSize) CheckRows(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows)
    {
        var shapes = policy.Shapes;
        InputChecks.CheckRows(shapes, observations, descriptors, rows);
        return (shapes.ObservationSize, shapes.DescriptorSize, shapes.ActionSize);
    }
}
