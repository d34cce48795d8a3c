using HyperRL.Envs.Core;
using HyperRL.Envs.Util;

namespace HyperRL.Envs.Wrappers;

/// <summary>
/// Scales rewards by the running standard deviation of the discounted return (Gymnasium's <c>NormalizeReward</c>),
/// which keeps value targets at a stable scale without shifting them.
/// </summary>
public sealed class NormalizeReward : Wrapper
{
    private const double Epsilon = 1e-8;
    private readonly double _gamma;
    private double _discountedReturn;

    public NormalizeReward(Env inner, double gamma = 0.99) : base(inner)
    {
        if (!(gamma is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be in [0, 1].");
        _gamma = gamma;
    }

    public RunningMeanStd Statistics { get; } = new(1);
    public bool UpdateStatistics { get; set; } = true;

    protected override void ResetCore(Span<float> observation, int? seed)
    {
        _discountedReturn = 0;
        base.ResetCore(observation, seed);
    }

    protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        var outcome = base.StepCore(discreteAction, continuousAction, observation);
        _discountedReturn = _discountedReturn * _gamma + outcome.Reward;
        if (UpdateStatistics) Statistics.Update(_discountedReturn);
        if (outcome.Terminated) _discountedReturn = 0;
        return outcome with { Reward = (float)(outcome.Reward / Math.Sqrt(Statistics.Var[0] + Epsilon)) };
    }
}
