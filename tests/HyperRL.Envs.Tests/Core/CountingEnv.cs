using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Spaces;

namespace HyperRL.Envs.Tests.Core;

/// <summary>
/// A tiny deterministic env for testing the core machinery: the observation is [position, random start],
/// action 1 moves right, 0 left; reward is the action; terminates at position 'goal' (a descriptor parameter).
/// </summary>
internal sealed class CountingEnv : Env
{
    public static readonly DescriptorSpec Spec = new("Counting",
        new DescriptorParameter("goal", 3, 1, 10, "position that ends the episode"),
        new DescriptorParameter("scale", 1, 0.5, 2, "reward scale"));

    private int _position;
    private float _start;

    public CountingEnv(EnvOptions? options = null) : base(Spec, options)
    {
    }

    public override string Id => "Counting-v0";
    public override Box ObservationSpace { get; } = Box.Uniform(-100, 100, 2);
    public override Space ActionSpace { get; } = new Discrete(2);

    protected override void ResetCore(Span<float> observation, int? seed)
    {
        _position = 0;
        _start = (float)Rng.NextDouble();
        observation[0] = 0;
        observation[1] = _start;
    }

    protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        _position += discreteAction == 1 ? 1 : -1;
        observation[0] = _position;
        observation[1] = _start;
        return new StepOutcome((float)(discreteAction * Descriptor[1]), _position >= (int)Descriptor[0], false);
    }
}
