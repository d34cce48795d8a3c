using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Spaces;
using HyperRL.Envs.Util;

namespace HyperRL.Envs.Core;

/// <summary>
/// A reinforcement-learning environment with Gymnasium's semantics: <c>Reset(seed)</c>, then <c>Step(action)</c>
/// until terminated or truncated. The span-based overloads write the observation into the caller's buffer and
/// allocate nothing (the vector envs use them); the record-returning overloads are for convenience.
/// Every env carries a descriptor (its physical parameters or goal) readable at every step.
/// </summary>
public abstract class Env : IStateSnapshot
{
    private readonly double[] _descriptor;
    private readonly BoundDistribution? _randomization;
    private bool _needsReset = true;
    private int _episodeStep;
    private int _observationSize = -1;
    private int _discreteActions;
    private int _continuousActionSize;

    /// <summary>For concrete environments: resolves options into the initial descriptor and randomization.</summary>
    protected Env(DescriptorSpec descriptorSpec, EnvOptions? options)
    {
        options ??= EnvOptions.Default;
        DescriptorSpec = descriptorSpec;
        _descriptor = descriptorSpec.Resolve(options.Parameters);
        if (options.Randomize is { IsEmpty: false } distribution) _randomization = distribution.Bind(descriptorSpec);
    }

    /// <summary>For wrappers: the descriptor lives in the wrapped env.</summary>
    private protected Env(DescriptorSpec descriptorSpec)
    {
        DescriptorSpec = descriptorSpec;
        _descriptor = Array.Empty<double>();
    }

    public abstract string Id { get; }
    public abstract Box ObservationSpace { get; }
    public abstract Space ActionSpace { get; }
    public DescriptorSpec DescriptorSpec { get; }

    /// <summary>The descriptor of the current episode (re-sampled at reset when randomized).</summary>
    public virtual ReadOnlySpan<double> Descriptor => _descriptor;

    public int ObservationSize => ObservationSpace.Size;
    public bool IsDiscrete => ActionSpace is Discrete;

    /// <summary>True before the first reset and after an episode ended.</summary>
    public bool NeedsReset => _needsReset;

    /// <summary>Steps taken in the current episode.</summary>
    public int EpisodeStep => _episodeStep;

    /// <summary>The env's own generator; re-seeded by <c>Reset(seed)</c>.</summary>
    protected Rng Rng { get; } = new(0x5EED);

    /// <summary>The innermost env (Gymnasium's <c>unwrapped</c>).</summary>
    public virtual Env Unwrapped => this;

    public void Reset(Span<float> observation, int? seed = null)
    {
        CacheSpaces();
        CheckObservationBuffer(observation);
        if (seed is int s) Rng.Seed((ulong)s);
        if (_randomization != null)
        {
            _randomization.Sample(Rng, _descriptor);
            OnDescriptorChanged();
        }
        ResetCore(observation, seed);
        CheckObservation(observation);
        _needsReset = false;
        _episodeStep = 0;
    }

    public StepOutcome Step(int action, Span<float> observation)
    {
        // Space checks read fields cached at reset: this runs tens of millions of times per second in vector envs.
        if (_needsReset) throw NeedsResetError();
        if ((uint)action >= (uint)_discreteActions) throw DiscreteActionError(action);
        return StepChecked(action, ReadOnlySpan<float>.Empty, observation);
    }

    public StepOutcome Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        if (_needsReset) throw NeedsResetError();
        if (_continuousActionSize == 0)
            throw new ArgumentException($"{Id} has discrete actions ({ActionSpace}); pass an int action.");
        if (action.Length != _continuousActionSize)
            throw new ArgumentException($"{Id}: continuous action has {action.Length} values, the action space {ActionSpace} needs {_continuousActionSize}.");
        for (int i = 0; i < action.Length; i++)
        {
            if (!float.IsFinite(action[i]))
                throw new ArgumentException($"{Id}: action[{i}] is {action[i]}; actions must be finite numbers.");
        }
        return StepChecked(0, action, observation);
    }

    /// <summary>
    /// For wrappers whose action and observation spaces equal the wrapped env's: the outer <c>Step</c> already checked
    /// the action and the buffer, so only the episode bookkeeping runs here.
    /// </summary>
    internal StepOutcome StepFromWrapper(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        if (_needsReset) throw NeedsResetError();
        var outcome = StepCore(discreteAction, continuousAction, observation);
        _episodeStep++;
        if (outcome.Done) _needsReset = true;
        return outcome;
    }

    public ResetResult Reset(int? seed = null)
    {
        var observation = new float[ObservationSize];
        Reset(observation, seed);
        return new ResetResult(observation, new StepInfo(Descriptor.ToArray(), 0));
    }

    public StepResult Step(int action)
    {
        var observation = new float[ObservationSize];
        var outcome = Step(action, observation);
        return ToResult(observation, outcome);
    }

    public StepResult Step(float[] action)
    {
        var observation = new float[ObservationSize];
        var outcome = Step((ReadOnlySpan<float>)action, observation);
        return ToResult(observation, outcome);
    }

    /// <summary>Writes the initial observation; <see cref="Rng"/> is already seeded and the descriptor sampled.</summary>
    protected abstract void ResetCore(Span<float> observation, int? seed);

    /// <summary>Advances one step. Discrete envs read <paramref name="discreteAction"/>, continuous ones
    /// <paramref name="continuousAction"/>; both were validated against the action space.</summary>
    protected abstract StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation);

    /// <summary>For envs whose state was set directly (planning, tests): the episode continues from there.</summary>
    protected void BeginEpisodeFromState()
    {
        CacheSpaces();
        _needsReset = false;
        _episodeStep = 0;
    }

    /// <summary>Opt-in, since only the env knows whether it carries state beyond what it saves: an env whose
    /// <see cref="IPhysicalState"/> is its whole state returns true and inherits <see cref="SaveStateCore"/>; others
    /// override that pair too.</summary>
    public virtual bool SupportsStateSnapshot => false;

    /// <summary>The episode bookkeeping, the descriptor, the generator, then the env's own state: everything a
    /// <see cref="Step(int, Span{float})"/> after <see cref="LoadState"/> depends on.</summary>
    public void SaveState(BinaryWriter writer)
    {
        ThrowIfNoSnapshot();
        writer.Write(_needsReset);
        writer.Write(_episodeStep);
        writer.Write(_descriptor.Length);
        foreach (double value in _descriptor) writer.Write(value);
        Rng.Save(writer);
        SaveStateCore(writer);
    }

    public void LoadState(BinaryReader reader)
    {
        ThrowIfNoSnapshot();
        CacheSpaces();
        bool needsReset = reader.ReadBoolean();
        int episodeStep = reader.ReadInt32();
        int length = reader.ReadInt32();
        if (length != _descriptor.Length)
            throw new InvalidDataException($"{Id}: saved state has a descriptor of {length} values, this env {_descriptor.Length}.");
        for (int k = 0; k < length; k++) _descriptor[k] = reader.ReadDouble();
        if (length > 0) OnDescriptorChanged();
        Rng.Load(reader);
        LoadStateCore(reader);
        // Last: setting a physical state starts an episode at step 0, the saved bookkeeping says where it really is.
        _needsReset = needsReset;
        _episodeStep = episodeStep;
    }

    protected virtual void SaveStateCore(BinaryWriter writer)
    {
        var state = ((IPhysicalState)this).GetState();
        writer.Write(state.Length);
        foreach (double value in state) writer.Write(value);
    }

    protected virtual void LoadStateCore(BinaryReader reader)
    {
        var state = new double[reader.ReadInt32()];
        for (int k = 0; k < state.Length; k++) state[k] = reader.ReadDouble();
        ((IPhysicalState)this).SetState(state);
    }

    private void ThrowIfNoSnapshot()
    {
        if (!SupportsStateSnapshot) throw new NotSupportedException($"{Id}: its state cannot be saved exactly.");
    }

    /// <summary>Sets the current descriptor directly (a wrapper or a test fixing parameters mid-run); takes effect at once.</summary>
    public virtual void SetDescriptor(ReadOnlySpan<double> values)
    {
        DescriptorSpec.Validate(values);
        values.CopyTo(_descriptor);
        OnDescriptorChanged();
    }

    /// <summary>
    /// Called whenever the descriptor changed (re-sampled at reset, or set directly), before the next reset or step
    /// uses it: envs that cache physics constants derived from the descriptor recompute them here.
    /// </summary>
    protected virtual void OnDescriptorChanged()
    {
    }

    private StepOutcome StepChecked(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
    {
        CheckObservationBuffer(observation);
        var outcome = StepCore(discreteAction, continuousAction, observation);
        CheckObservation(observation);
        if (!float.IsFinite(outcome.Reward))
            throw new InvalidOperationException($"{Id} produced a non-finite reward ({outcome.Reward}) with descriptor {DescriptorSpec.Format(Descriptor)}.");
        _episodeStep++;
        if (outcome.Done) _needsReset = true;
        return outcome;
    }

    private Exception NeedsResetError() => new InvalidOperationException(
        $"{Id}: Step called before Reset or after the episode ended (terminated or truncated); call Reset first.");

    private Exception DiscreteActionError(int action) => ActionSpace is Discrete discrete
        ? new ArgumentOutOfRangeException(nameof(action), action, $"{Id}: action {action} is outside {discrete}.")
        : new ArgumentException($"{Id} has continuous actions ({ActionSpace}); pass a float action vector, not an int.");

    /// <summary>Spaces are fixed once an env is built; caching them keeps virtual calls off the step path.</summary>
    private void CacheSpaces()
    {
        if (_observationSize >= 0) return;
        _observationSize = ObservationSpace.Size;
        _discreteActions = ActionSpace is Discrete d ? d.N : 0;
        _continuousActionSize = ActionSpace is Box b ? b.Size : 0;
    }

    private void CheckObservationBuffer(Span<float> observation)
    {
        if (observation.Length != _observationSize)
            throw new ArgumentException($"{Id}: observation buffer has {observation.Length} floats, needs {ObservationSize}.");
    }

    private void CheckObservation(ReadOnlySpan<float> observation)
    {
        for (int i = 0; i < observation.Length; i++)
        {
            if (!float.IsFinite(observation[i]))
                throw new InvalidOperationException(
                    $"{Id} produced a non-finite observation (obs[{i}] = {observation[i]}) with descriptor {DescriptorSpec.Format(Descriptor)}.");
        }
    }

    private StepResult ToResult(float[] observation, StepOutcome outcome) =>
        new(observation, outcome.Reward, outcome.Terminated, outcome.Truncated, new StepInfo(Descriptor.ToArray(), _episodeStep));
}
