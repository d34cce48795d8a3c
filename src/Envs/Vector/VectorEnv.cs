using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Spaces;
using HyperRL.Envs.Util;

namespace HyperRL.Envs.Vector;

/// <summary>
/// Base of the in-process vector envs: owns the <see cref="Envs"/> and the batch buffers, and steps the envs in
/// contiguous slices that subclasses may run in parallel. Semantics (same-step auto-reset, per-env seeds) are those
/// of <see cref="IVectorEnv"/>. Episode returns and lengths are not tracked here: wrap in
/// <see cref="Wrappers.RecordEpisodeStatistics"/>.
/// </summary>
public abstract class VectorEnv : IVectorEnv
{
    private readonly Env[] _envs;
    private readonly float[] _observations;
    private readonly float[] _descriptors;
    private readonly float[] _rewards;
    private readonly bool[] _terminations;
    private readonly bool[] _truncations;
    private readonly float[] _finalObservations;
    private readonly float[] _finalDescriptors;
    private readonly int[] _discreteActions;
    private readonly float[] _continuousActions;
    private bool _needsReset = true;

    protected VectorEnv(IReadOnlyList<Env> envs, int sliceCount)
    {
        if (envs.Count == 0) throw new ArgumentException("A vector env needs at least one env.", nameof(envs));
        _envs = envs.ToArray();
        var first = _envs[0];
        for (int i = 1; i < _envs.Length; i++)
        {
            var env = _envs[i];
            if (!env.ObservationSpace.Equals(first.ObservationSpace) || !env.ActionSpace.Equals(first.ActionSpace)
                || env.DescriptorSpec.Family != first.DescriptorSpec.Family)
                throw new ArgumentException($"Env {i} ({env.Id}) differs in spaces or descriptor from env 0 ({first.Id}).");
            if (ReferenceEquals(env, first)) throw new ArgumentException($"Env {i} is the same instance as env 0.");
        }
        EnvId = first.Id;
        NumEnvs = _envs.Length;
        SingleObservationSpace = first.ObservationSpace;
        SingleActionSpace = first.ActionSpace;
        DescriptorSpec = first.DescriptorSpec;
        ObservationSize = first.ObservationSize;
        ActionSize = first.ActionSpace.FlatSize;
        DescriptorSize = first.DescriptorSpec.Length;
        _observations = new float[NumEnvs * ObservationSize];
        _finalObservations = new float[NumEnvs * ObservationSize];
        _descriptors = new float[NumEnvs * DescriptorSize];
        _finalDescriptors = new float[NumEnvs * DescriptorSize];
        _rewards = new float[NumEnvs];
        _terminations = new bool[NumEnvs];
        _truncations = new bool[NumEnvs];
        _discreteActions = new int[NumEnvs];
        _continuousActions = first.IsDiscrete ? Array.Empty<float>() : new float[NumEnvs * ActionSize];
        SliceCount = Math.Clamp(sliceCount, 1, NumEnvs);
    }

    public string EnvId { get; }
    public int NumEnvs { get; }
    public int ObservationSize { get; }
    public int ActionSize { get; }
    public int DescriptorSize { get; }
    public Box SingleObservationSpace { get; }
    public Space SingleActionSpace { get; }
    public DescriptorSpec DescriptorSpec { get; }
    public bool IsDiscrete => SingleActionSpace is Discrete;

    /// <summary>The local envs, row i = env i (a remote pool has none, so this is not part of <see cref="IVectorEnv"/>).</summary>
    public IReadOnlyList<Env> Envs => _envs;

    /// <summary>Number of contiguous slices the envs are split into (one per worker thread).</summary>
    public int SliceCount { get; }

    public ReadOnlySpan<float> Observations => _observations;
    public ReadOnlySpan<float> Descriptors => _descriptors;
    public ReadOnlySpan<float> Rewards => _rewards;
    public ReadOnlySpan<bool> Terminations => _terminations;
    public ReadOnlySpan<bool> Truncations => _truncations;
    public ReadOnlySpan<float> FinalObservations => _finalObservations;
    public ReadOnlySpan<float> FinalDescriptors => _finalDescriptors;

    public void Reset(int seed)
    {
        for (int i = 0; i < NumEnvs; i++)
        {
            _envs[i].Reset(_observations.AsSpan(i * ObservationSize, ObservationSize), unchecked(seed + i));
            WriteDescriptor(i, _descriptors);
        }
        Array.Clear(_rewards);
        Array.Clear(_terminations);
        Array.Clear(_truncations);
        _needsReset = false;
    }

    public void Step(ReadOnlySpan<int> actions)
    {
        if (!IsDiscrete) throw new ArgumentException($"{EnvId} has continuous actions; pass float actions.");
        if (actions.Length != NumEnvs)
            throw new ArgumentException($"Expected {NumEnvs} actions (one per env), got {actions.Length}.");
        actions.CopyTo(_discreteActions);
        StepAll();
    }

    public void Step(ReadOnlySpan<float> actions)
    {
        if (IsDiscrete) throw new ArgumentException($"{EnvId} has discrete actions; pass int actions.");
        if (actions.Length != NumEnvs * ActionSize)
            throw new ArgumentException($"Expected {NumEnvs}x{ActionSize} = {NumEnvs * ActionSize} action values, got {actions.Length}.");
        actions.CopyTo(_continuousActions);
        StepAll();
    }

    public bool SupportsStateSnapshot => _envs.All(env => env.SupportsStateSnapshot);

    /// <summary>The batch arrays (the current and final rows an algorithm reads next), then every env's state.</summary>
    public void SaveState(BinaryWriter writer)
    {
        writer.Write(EnvId);
        writer.Write(NumEnvs);
        writer.Write(_needsReset);
        StateArrays.Write<float>(writer, _observations);
        StateArrays.Write<float>(writer, _descriptors);
        StateArrays.Write<float>(writer, _rewards);
        StateArrays.Write<bool>(writer, _terminations);
        StateArrays.Write<bool>(writer, _truncations);
        StateArrays.Write<float>(writer, _finalObservations);
        StateArrays.Write<float>(writer, _finalDescriptors);
        foreach (var env in _envs) env.SaveState(writer);
    }

    public void LoadState(BinaryReader reader)
    {
        string id = reader.ReadString();
        int count = reader.ReadInt32();
        if (id != EnvId || count != NumEnvs)
            throw new InvalidDataException($"saved vector env state is of {count} x {id}, this vector env is {NumEnvs} x {EnvId}");
        _needsReset = reader.ReadBoolean();
        StateArrays.Read<float>(reader, _observations, "observations");
        StateArrays.Read<float>(reader, _descriptors, "descriptors");
        StateArrays.Read<float>(reader, _rewards, "rewards");
        StateArrays.Read<bool>(reader, _terminations, "terminations");
        StateArrays.Read<bool>(reader, _truncations, "truncations");
        StateArrays.Read<float>(reader, _finalObservations, "final observations");
        StateArrays.Read<float>(reader, _finalDescriptors, "final descriptors");
        foreach (var env in _envs) env.LoadState(reader);
    }

    public abstract void Dispose();

    /// <summary>Runs <see cref="StepSlice"/> for every slice index in [0, SliceCount), possibly in parallel.</summary>
    protected abstract void RunSlices();

    /// <summary>Steps the envs of one slice; slices own disjoint rows, so they may run concurrently.</summary>
    protected void StepSlice(int slice)
    {
        int start = (int)((long)NumEnvs * slice / SliceCount);
        int end = (int)((long)NumEnvs * (slice + 1) / SliceCount);
        int obsSize = ObservationSize;
        bool discrete = IsDiscrete;
        for (int i = start; i < end; i++)
        {
            var env = _envs[i];
            var observation = _observations.AsSpan(i * obsSize, obsSize);
            StepOutcome outcome = discrete
                ? env.Step(_discreteActions[i], observation)
                : env.Step(_continuousActions.AsSpan(i * ActionSize, ActionSize), observation);
            _rewards[i] = outcome.Reward;
            _terminations[i] = outcome.Terminated;
            _truncations[i] = outcome.Truncated;
            if (!outcome.Done) continue;

            observation.CopyTo(_finalObservations.AsSpan(i * obsSize, obsSize));
            WriteDescriptor(i, _finalDescriptors);
            env.Reset(observation);
            WriteDescriptor(i, _descriptors);
        }
    }

    private void StepAll()
    {
        if (_needsReset) throw new InvalidOperationException("Step called before Reset(seed) on the vector env.");
        RunSlices();
    }

    private void WriteDescriptor(int i, float[] destination)
    {
        var descriptor = _envs[i].Descriptor;
        int offset = i * DescriptorSize;
        for (int k = 0; k < descriptor.Length; k++) destination[offset + k] = (float)descriptor[k];
    }
}
