using HyperRL.Envs.Core;
using HyperRL.Envs.Spaces;

namespace HyperRL.Envs.Wrappers;

/// <summary>
/// Clips continuous actions into the action space (Gymnasium's <c>ClipAction</c>), so an unsquashed Gaussian
/// policy can act in a bounded env. Non-finite actions are still rejected.
/// </summary>
public sealed class ClipAction : Wrapper
{
    private readonly Box _bounds;
    private readonly float[] _clipped;

    public ClipAction(Env inner) : base(inner)
    {
        if (inner.ActionSpace is not Box box) throw new ArgumentException($"ClipAction needs continuous actions; {inner.Id} has {inner.ActionSpace}.");
        _bounds = box;
        _clipped = new float[box.Size];
        ActionSpace = Box.Uniform(float.NegativeInfinity, float.PositiveInfinity, box.Size);
    }

    /// <summary>Any finite action is accepted; it is clipped before reaching the wrapped env.</summary>
    public override Space ActionSpace { get; }

    protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        _bounds.Clip(continuousAction, _clipped);
        return Inner.Step(_clipped, observation);
    }
}
