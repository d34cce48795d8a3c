using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Spaces;

namespace HyperRL.Envs.Vector;

/// <summary>
/// A batch of <see cref="NumEnvs"/> copies of one env stepped together, with results in contiguous row-major
/// arrays (row i = env i), never per-env objects (Gymnasium's <c>VectorEnv</c>). Implemented by the local vector
/// envs (<see cref="SyncVectorEnv"/>, <see cref="ThreadedVectorEnv"/>), by the wrappers in
/// <c>HyperRL.Envs.Vector.Wrappers</c>, and meant for a remote worker pool too, so nothing here assumes the envs are local.
///
/// Auto-reset (same-step, as Stable-Baselines3): when env i ends an episode in a <c>Step</c>,
/// <see cref="Terminations"/>/<see cref="Truncations"/>[i] say so, <see cref="FinalObservations"/> and
/// <see cref="FinalDescriptors"/> row i hold the last observation and descriptor of the finished episode (needed to
/// bootstrap a truncated episode), and <see cref="Observations"/>/<see cref="Descriptors"/> row i already belong to
/// the next episode. Rows of the Final* arrays are only meaningful where an episode ended.
/// Env i is seeded with <c>seed + i</c> at <see cref="Reset"/>; later auto-resets continue each env's own stream.
///
/// The arrays are read-only views of buffers owned by the layer that produced them, valid until the next
/// <c>Reset</c> or <c>Step</c>: copy what must outlive a step.
/// A snapshot (<see cref="IStateSnapshot"/>) holds every array above and each env's own state; wrappers add theirs.
/// </summary>
public interface IVectorEnv : IDisposable, IStateSnapshot
{
    /// <summary>The registered id of the batched env (for messages; all envs of a batch share it).</summary>
    string EnvId { get; }

    int NumEnvs { get; }
    Box SingleObservationSpace { get; }
    Space SingleActionSpace { get; }
    DescriptorSpec DescriptorSpec { get; }

    /// <summary>Floats per row of <see cref="Observations"/>.</summary>
    int ObservationSize { get; }

    /// <summary>Flat size of one action (<see cref="Space.FlatSize"/>: 1 for a discrete action).</summary>
    int ActionSize { get; }

    /// <summary>Floats per row of <see cref="Descriptors"/>.</summary>
    int DescriptorSize { get; }

    /// <summary>True when actions are passed as ints to <see cref="Step(ReadOnlySpan{int})"/>.</summary>
    bool IsDiscrete { get; }

    /// <summary><see cref="NumEnvs"/> x <see cref="ObservationSize"/>: the current observation of every env.</summary>
    ReadOnlySpan<float> Observations { get; }

    /// <summary><see cref="NumEnvs"/> x <see cref="DescriptorSize"/>: the descriptor of every env's current episode.</summary>
    ReadOnlySpan<float> Descriptors { get; }

    /// <summary>One reward per env from the last step (zeros after <see cref="Reset"/>).</summary>
    ReadOnlySpan<float> Rewards { get; }

    ReadOnlySpan<bool> Terminations { get; }
    ReadOnlySpan<bool> Truncations { get; }

    /// <summary>Last observation of the episode that ended in env i at the last step; meaningful only in those rows.</summary>
    ReadOnlySpan<float> FinalObservations { get; }

    /// <summary>Descriptor of the episode that ended in env i at the last step; meaningful only in those rows.</summary>
    ReadOnlySpan<float> FinalDescriptors { get; }

    /// <summary>Starts a new episode in every env; env i is seeded with <c>seed + i</c>.</summary>
    void Reset(int seed);

    /// <summary>One action per env, for discrete action spaces.</summary>
    void Step(ReadOnlySpan<int> actions);

    /// <summary><see cref="NumEnvs"/> x <see cref="ActionSize"/> action values, for continuous action spaces.</summary>
    void Step(ReadOnlySpan<float> actions);
}
