using HyperRL.HyperPolicy.Inference;

namespace HyperRL.HyperPolicy;

/// <summary>
/// Acts with a SAC actor's current weights in plain C#, one row at a time (rollouts and evaluation; see
/// <see cref="ActorCriticInference"/> for why and how): per distinct descriptor the actor is reduced once to a plain
/// MLP and copied to arrays. <see cref="Refresh"/> must be called after every parameter change. Samples with the
/// caller's <see cref="Random"/>, so a seeded one makes rollouts reproducible. Not thread-safe.
/// </summary>
public sealed class ActorInference
{
    private readonly Actor actor;
    private readonly SnapshotCache<ActorSnapshot> cache;

    public ActorInference(Actor actor)
    {
        this.actor = actor;
        cache = new SnapshotCache<ActorSnapshot>(actor.Snapshot);
    }

    /// <summary>Number of descriptors with a snapshot right now.</summary>
    public int CachedDescriptors => cache.Count;

    /// <summary>Forget the weights copied so far (call after every optimizer step or weight load).</summary>
    public void Refresh() => cache.Clear();

    /// <summary>
    /// For each row an action (sampled, or the mode when deterministic), row-major [rows x actions] in
    /// <paramref name="actions"/>, and its log-probability. Observations [rows x obs] as the network reads them (already
    /// normalized), raw descriptors [rows x d].
    /// </summary>
    public void Act(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows, bool deterministic, Random rng,
        Span<float> actions, Span<float> logProbs)
    {
        var shapes = actor.Shapes;
        InputChecks.CheckRows(shapes, observations, descriptors, rows);
        InputChecks.CheckOutput(actions.Length, rows, shapes.ActionSize, nameof(actions));
        InputChecks.CheckOutput(logProbs.Length, rows, 1, nameof(logProbs));
        int obsSize = shapes.ObservationSize, descSize = shapes.DescriptorSize, actionSize = shapes.ActionSize;
        for (var row = 0; row < rows; row++)
            logProbs[row] = cache.For(descriptors.Slice(row * descSize, descSize))
                .Act(observations.Slice(row * obsSize, obsSize), deterministic, rng, actions.Slice(row * actionSize, actionSize));
    }
}
