using HyperRL.Envs.Core;
using HyperRL.Envs.Vector;

namespace HyperRL.Envs.Wrappers;

/// <summary>Records the return and length of each finished episode (Gymnasium's <c>RecordEpisodeStatistics</c>).</summary>
public sealed class EpisodeStatistics : Wrapper
{
    private double _return;
    private int _length;

    public EpisodeStatistics(Env inner) : base(inner)
    {
    }

    /// <summary>The most recently finished episode, or null before the first one ends.</summary>
    public EpisodeRecord? LastEpisode { get; private set; }

    public int EpisodeCount { get; private set; }

    protected override void ResetCore(Span<float> observation, int? seed)
    {
        _return = 0;
        _length = 0;
        base.ResetCore(observation, seed);
    }

    protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        var outcome = base.StepCore(discreteAction, continuousAction, observation);
        _return += outcome.Reward;
        _length++;
        if (outcome.Done)
        {
            LastEpisode = new EpisodeRecord(0, _return, _length, Descriptor.ToArray(), outcome.Truncated && !outcome.Terminated);
            EpisodeCount++;
        }
        return outcome;
    }
}
