using HyperRL.Envs.Core;
using HyperRL.Envs.Util;

namespace HyperRL.Envs.Wrappers;

/// <summary>
/// Normalizes observations with running statistics (Gymnasium's <c>NormalizeObservation</c>):
/// (obs - mean) / sqrt(var + eps). Set <see cref="UpdateStatistics"/> false to freeze them for evaluation.
/// </summary>
public sealed class NormalizeObservation : Wrapper
{
    private const double Epsilon = 1e-8;

    public NormalizeObservation(Env inner) : base(inner) => Statistics = new RunningMeanStd(inner.ObservationSize);

    public RunningMeanStd Statistics { get; }
    public bool UpdateStatistics { get; set; } = true;

    protected override void ResetCore(Span<float> observation, int? seed)
    {
        base.ResetCore(observation, seed);
        Normalize(observation);
    }

    protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        var outcome = base.StepCore(discreteAction, continuousAction, observation);
        Normalize(observation);
        return outcome;
    }

    private void Normalize(Span<float> observation)
    {
        if (UpdateStatistics) Statistics.Update(observation, 1);
        var mean = Statistics.Mean;
        var variance = Statistics.Var;
        for (int k = 0; k < observation.Length; k++)
            observation[k] = (float)((observation[k] - mean[k]) / Math.Sqrt(variance[k] + Epsilon));
    }
}
