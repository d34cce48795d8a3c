using HyperRL.Envs.Core;

namespace HyperRL.Envs.Wrappers;

/// <summary>Truncates episodes after <see cref="MaxEpisodeSteps"/> steps (Gymnasium's <c>TimeLimit</c>).</summary>
public sealed class TimeLimit : Wrapper
{
    private int _elapsed;

    public TimeLimit(Env inner, int maxEpisodeSteps) : base(inner)
    {
        if (maxEpisodeSteps <= 0) throw new ArgumentOutOfRangeException(nameof(maxEpisodeSteps), maxEpisodeSteps, "Time limit must be positive.");
        MaxEpisodeSteps = maxEpisodeSteps;
    }

    public int MaxEpisodeSteps { get; }

    protected override void ResetCore(Span<float> observation, int? seed)
    {
        _elapsed = 0;
        base.ResetCore(observation, seed);
    }

    protected override void SaveStateCore(BinaryWriter writer)
    {
        writer.Write(_elapsed);
        base.SaveStateCore(writer);
    }

    protected override void LoadStateCore(BinaryReader reader)
    {
        _elapsed = reader.ReadInt32();
        base.LoadStateCore(reader);
    }

    protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        var outcome = base.StepCore(discreteAction, continuousAction, observation);
        _elapsed++;
        // As Gymnasium: truncated is set at the limit even when the same step also terminated.
        return _elapsed >= MaxEpisodeSteps ? outcome with { Truncated = true } : outcome;
    }
}
