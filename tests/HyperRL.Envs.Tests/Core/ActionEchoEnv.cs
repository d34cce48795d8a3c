using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Spaces;

namespace HyperRL.Envs.Tests.Core;

/// <summary>A continuous env with actions in [-1, 1]^2 whose observation is the action it received.</summary>
internal sealed class ActionEchoEnv() : Env(new DescriptorSpec("Echo"), null)
{
    public override string Id => "ActionEcho-v0";
    public override Box ObservationSpace { get; } = Box.Uniform(-10, 10, 2);
    public override Space ActionSpace { get; } = Box.Uniform(-1, 1, 2);

    protected override void ResetCore(Span<float> observation, int? seed) => observation.Clear();

    protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        continuousAction.CopyTo(observation);
        return new StepOutcome(0, false, false);
    }
}
