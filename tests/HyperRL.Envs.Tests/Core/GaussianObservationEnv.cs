using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Spaces;

namespace HyperRL.Envs.Tests.Core;

/// <summary>
/// Observations drawn from known distributions, x0 ~ N(5, 2^2) and x1 ~ N(-3, 0.5^2), so normalization can be
/// checked against the truth; reward is x0; every episode truncates after <c>episodeLength</c> steps.
/// </summary>
internal sealed class GaussianObservationEnv(int episodeLength = 7) : Env(new DescriptorSpec("Gaussian"), null)
{
    public static readonly double[] Means = { 5, -3 };
    public static readonly double[] StandardDeviations = { 2, 0.5 };

    private int _steps;

    public override string Id => "GaussianObservation-v0";
    public override Box ObservationSpace { get; } = Box.Uniform(float.NegativeInfinity, float.PositiveInfinity, 2);
    public override Space ActionSpace { get; } = new Discrete(1);

    protected override void ResetCore(Span<float> observation, int? seed)
    {
        _steps = 0;
        Draw(observation);
    }

    protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        Draw(observation);
        return new StepOutcome(observation[0], false, ++_steps >= episodeLength);
    }

    private void Draw(Span<float> observation)
    {
        for (int k = 0; k < 2; k++) observation[k] = (float)(Means[k] + StandardDeviations[k] * Rng.NextGaussian());
    }
}
