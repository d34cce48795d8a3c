using HyperRL.Envs.Core;
using HyperRL.Envs.Spaces;

namespace HyperRL.Envs.Wrappers;

/// <summary>Base of Gymnasium-style wrappers: forwards everything to the wrapped env unless overridden.</summary>
public abstract class Wrapper : Env
{
    protected Wrapper(Env inner) : base(inner.DescriptorSpec) => Inner = inner;

    public Env Inner { get; }
    public override string Id => Inner.Id;
    public override Box ObservationSpace => Inner.ObservationSpace;
    public override Space ActionSpace => Inner.ActionSpace;
    public override ReadOnlySpan<double> Descriptor => Inner.Descriptor;
    public override Env Unwrapped => Inner.Unwrapped;

    public override bool SupportsStateSnapshot => Inner.SupportsStateSnapshot;

    protected override void SaveStateCore(BinaryWriter writer) => Inner.SaveState(writer);

    protected override void LoadStateCore(BinaryReader reader) => Inner.LoadState(reader);

    public override void SetDescriptor(ReadOnlySpan<double> values) => Inner.SetDescriptor(values);

    protected override void ResetCore(Span<float> observation, int? seed) => Inner.Reset(observation, seed);

    /// <summary>Same spaces as the wrapped env, so the action was already checked by this wrapper's <c>Step</c>.
    /// A wrapper that changes the action space calls <c>Inner.Step</c> itself.</summary>
    protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation) =>
        Inner.StepFromWrapper(discreteAction, continuousAction, observation);
}
