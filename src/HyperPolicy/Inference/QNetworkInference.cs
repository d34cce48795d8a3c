using HyperRL.HyperPolicy.Inference;

namespace HyperRL.HyperPolicy;

/// <summary>
/// Greedy actions and Q-values of a Q network's current weights in plain C#, one row at a time (DQN's action
/// selection and evaluation; see <see cref="ActorCriticInference"/> for why). <see cref="Refresh"/> must be called
/// after every parameter change. Not thread-safe.
/// </summary>
public sealed class QNetworkInference
{
    private readonly QNetwork network;
    private readonly SnapshotCache<QNetworkSnapshot> cache;
    private readonly float[] scratch;

    /// <param name="withNoise">Noisy networks: act with the current noise (exploration, as DQN's acting does; the
    /// snapshot keeps the noise of its last <see cref="Refresh"/>), else with mu (evaluation).</param>
    public QNetworkInference(QNetwork network, bool withNoise = false)
    {
        this.network = network;
        cache = new SnapshotCache<QNetworkSnapshot>(descriptor => network.Snapshot(descriptor, withNoise));
        scratch = new float[network.Shapes.ActionSize];
    }

    public void Refresh() => cache.Clear();

    /// <summary>argmax_a Q(s, a) per row; observations [rows x obs] as the network reads them, raw descriptors [rows x d].</summary>
    public void GreedyActions(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows, Span<int> actions)
    {
        var (obsSize, descSize) = CheckRows(observations, descriptors, rows);
        for (var row = 0; row < rows; row++)
            actions[row] = cache.For(descriptors.Slice(row * descSize, descSize)).Greedy(observations.Slice(row * obsSize, obsSize), scratch);
    }

    /// <summary>Q-values [rows x actions].</summary>
    public void QValues(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows, Span<float> q)
    {
        var (obsSize, descSize) = CheckRows(observations, descriptors, rows);
        var actionCount = network.Shapes.ActionSize;
        for (var row = 0; row < rows; row++)
            cache.For(descriptors.Slice(row * descSize, descSize)).QValues(observations.Slice(row * obsSize, obsSize), q.Slice(row * actionCount, actionCount));
    }

    private (int ObservationSize, int DescriptorSize) CheckRows(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows)
    {
        InputChecks.CheckRows(network.Shapes, observations, descriptors, rows);
        return (network.Shapes.ObservationSize, network.Shapes.DescriptorSize);
    }
}
