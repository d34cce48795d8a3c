using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Spaces;

namespace HyperRL.Envs.Vector.Wrappers;

/// <summary>
/// Base of vector-env wrappers (Gymnasium's <c>VectorWrapper</c>): forwards every member to <see cref="Inner"/>
/// unless overridden. A wrapper that changes an array keeps its own buffer and overrides the getter, so the inner
/// env's arrays stay as they were and remain readable through <see cref="Inner"/>.
/// </summary>
public abstract class VectorWrapper : IVectorEnv
{
    protected VectorWrapper(IVectorEnv inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    public IVectorEnv Inner { get; }

    public virtual string EnvId => Inner.EnvId;
    public virtual int NumEnvs => Inner.NumEnvs;
    public virtual Box SingleObservationSpace => Inner.SingleObservationSpace;
    public virtual Space SingleActionSpace => Inner.SingleActionSpace;
    public virtual DescriptorSpec DescriptorSpec => Inner.DescriptorSpec;
    public virtual int ObservationSize => Inner.ObservationSize;
    public virtual int ActionSize => Inner.ActionSize;
    public virtual int DescriptorSize => Inner.DescriptorSize;
    public virtual bool IsDiscrete => Inner.IsDiscrete;

    public virtual ReadOnlySpan<float> Observations => Inner.Observations;
    public virtual ReadOnlySpan<float> Descriptors => Inner.Descriptors;
    public virtual ReadOnlySpan<float> Rewards => Inner.Rewards;
    public virtual ReadOnlySpan<bool> Terminations => Inner.Terminations;
    public virtual ReadOnlySpan<bool> Truncations => Inner.Truncations;
    public virtual ReadOnlySpan<float> FinalObservations => Inner.FinalObservations;
    public virtual ReadOnlySpan<float> FinalDescriptors => Inner.FinalDescriptors;

    public virtual void Reset(int seed) => Inner.Reset(seed);
    public virtual void Step(ReadOnlySpan<int> actions) => Inner.Step(actions);
    public virtual void Step(ReadOnlySpan<float> actions) => Inner.Step(actions);

    public virtual bool SupportsStateSnapshot => Inner.SupportsStateSnapshot;

    /// <summary>The wrapper's own fields (<see cref="SaveOwnState"/>), then the wrapped env's.</summary>
    public void SaveState(BinaryWriter writer)
    {
        SaveOwnState(writer);
        Inner.SaveState(writer);
    }

    public void LoadState(BinaryReader reader)
    {
        LoadOwnState(reader);
        Inner.LoadState(reader);
    }

    /// <summary>Wrappers that carry state across steps (running returns, their own output buffers) write it here.</summary>
    protected virtual void SaveOwnState(BinaryWriter writer)
    {
    }

    protected virtual void LoadOwnState(BinaryReader reader)
    {
    }

    /// <summary>The wrapper owns the env it wraps: disposing the outermost wrapper disposes the whole chain.</summary>
    public virtual void Dispose() => Inner.Dispose();
}
