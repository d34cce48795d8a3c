using HyperRL.Envs.Spaces;

namespace HyperRL.Envs.Vector.Wrappers;

/// <summary>
/// Clips every env's continuous action into the inner action space (Gymnasium's <c>ClipAction</c>), so an
/// unsquashed Gaussian policy can act in a bounded env. Uses <see cref="Box.Clip"/>: non-finite actions pass through
/// and the inner env rejects them.
/// </summary>
public sealed class ClipAction : VectorWrapper
{
    private readonly Box _bounds;
    private readonly float[] _clipped;

    public ClipAction(IVectorEnv inner) : base(inner)
    {
        if (inner.SingleActionSpace is not Box box)
            throw new ArgumentException($"ClipAction needs continuous actions; {inner.EnvId} has {inner.SingleActionSpace}.", nameof(inner));
        _bounds = box;
        _clipped = new float[inner.NumEnvs * box.Size];
        SingleActionSpace = Box.Uniform(float.NegativeInfinity, float.PositiveInfinity, box.Size);
    }

    /// <summary>Unbounded: any finite action is accepted and clipped before reaching the inner env.</summary>
    public override Space SingleActionSpace { get; }

    public override void Step(ReadOnlySpan<float> actions)
    {
        if (actions.Length != _clipped.Length)
            throw new ArgumentException($"Expected {NumEnvs}x{_bounds.Size} = {_clipped.Length} action values, got {actions.Length}.", nameof(actions));
        int size = _bounds.Size;
        for (int offset = 0; offset < _clipped.Length; offset += size)
            _bounds.Clip(actions.Slice(offset, size), _clipped.AsSpan(offset, size));
        Inner.Step(_clipped);
    }
}
