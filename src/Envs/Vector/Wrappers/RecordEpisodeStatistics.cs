using HyperRL.Envs.Util;
namespace HyperRL.Envs.Vector.Wrappers;

/// <summary>
/// Accumulates the return and length of every env's episode from the rewards it sees and lists the episodes that
/// ended (Gymnasium's <c>RecordEpisodeStatistics</c>). Put it innermost, directly on the vector env: above a
/// <see cref="NormalizeReward"/> it would record normalized returns instead of the env's own.
/// </summary>
public sealed class RecordEpisodeStatistics : VectorWrapper
{
    private readonly double[] _returns;
    private readonly int[] _lengths;
    private readonly List<EpisodeRecord> _completed = new();

    public RecordEpisodeStatistics(IVectorEnv inner) : base(inner)
    {
        _returns = new double[inner.NumEnvs];
        _lengths = new int[inner.NumEnvs];
    }

    /// <summary>Episodes that ended during the last <c>Step</c>, in env order; empty after <c>Reset</c>.</summary>
    public IReadOnlyList<EpisodeRecord> CompletedEpisodes => _completed;

    public override void Reset(int seed)
    {
        Inner.Reset(seed);
        Array.Clear(_returns);
        Array.Clear(_lengths);
        _completed.Clear();
    }

    public override void Step(ReadOnlySpan<int> actions)
    {
        Inner.Step(actions);
        RecordStep();
    }

    public override void Step(ReadOnlySpan<float> actions)
    {
        Inner.Step(actions);
        RecordStep();
    }

    /// <summary>The returns and lengths of the episodes in progress; the completed list was reported already.</summary>
    protected override void SaveOwnState(BinaryWriter writer)
    {
        StateArrays.Write<double>(writer, _returns);
        StateArrays.Write<int>(writer, _lengths);
    }

    protected override void LoadOwnState(BinaryReader reader)
    {
        StateArrays.Read<double>(reader, _returns, "episode returns");
        StateArrays.Read<int>(reader, _lengths, "episode lengths");
        _completed.Clear();
    }

    private void RecordStep()
    {
        _completed.Clear();
        var rewards = Inner.Rewards;
        var terminations = Inner.Terminations;
        var truncations = Inner.Truncations;
        int descriptorSize = Inner.DescriptorSize;
        for (int i = 0; i < _returns.Length; i++)
        {
            _returns[i] += rewards[i];
            _lengths[i]++;
            if (!terminations[i] && !truncations[i]) continue;

            var descriptor = Inner.FinalDescriptors.Slice(i * descriptorSize, descriptorSize).ToArray();
            // Truncated means "cut short": an episode that also terminated at its last step ended on its own.
            _completed.Add(new EpisodeRecord(i, _returns[i], _lengths[i], descriptor, truncations[i] && !terminations[i]));
            _returns[i] = 0;
            _lengths[i] = 0;
        }
    }
}
