using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Spaces;

namespace HyperRL.Envs.Vector;

/// <summary>
/// A batch of envs stepped together, with results in contiguous arrays (row i = env i), never per-env objects.
///
/// Auto-reset (same-step, as Stable-Baselines3): when env i ends an episode in <see cref="Step(ReadOnlySpan{int})"/>,
/// <see cref="Terminations"/>/<see cref="Truncations"/>[i] say so, <see cref="FinalObservations"/> and
/// <see cref="FinalDescriptors"/> row i hold the last observation and descriptor of the finished episode (needed to
/// bootstrap a truncated episode), and <see cref="Observations"/>/<see cref="Descriptors"/> row i already belong to
/// the next episode. Rows of the Final* arrays are only meaningful where an episode ended.
/// Env i is seeded with <c>seed + i</c> at <see cref="Reset"/>; later auto-resets continue each env's own stream.
/// </summary>
public abstract class VectorEnv : IDisposable
{
    private readonly Env[] _envs;
    private readonly double[] _episodeReturns;
    private readonly int[] _episodeLengths;
    private readonly List<EpisodeRecord>[] _finishedPerSlice;
    private readonly List<EpisodeRecord> _completed = new();
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
        NumEnvs = _envs.Length;
        SingleObservationSpace = first.ObservationSpace;
        SingleActionSpace = first.ActionSpace;
        DescriptorSpec = first.DescriptorSpec;
        ObservationSize = first.ObservationSize;
        ActionSize = first.ActionSpace.FlatSize;
        DescriptorSize = first.DescriptorSpec.Length;
        Observations = new float[NumEnvs * ObservationSize];
        FinalObservations = new float[NumEnvs * ObservationSize];
        Descriptors = new float[NumEnvs * DescriptorSize];
        FinalDescriptors = new float[NumEnvs * DescriptorSize];
        Rewards = new float[NumEnvs];
        Terminations = new bool[NumEnvs];
        Truncations = new bool[NumEnvs];
        _episodeReturns = new double[NumEnvs];
        _episodeLengths = new int[NumEnvs];
        _discreteActions = new int[NumEnvs];
        _continuousActions = first.IsDiscrete ? Array.Empty<float>() : new float[NumEnvs * ActionSize];
        SliceCount = Math.Clamp(sliceCount, 1, NumEnvs);
        _finishedPerSlice = Enumerable.Range(0, SliceCount).Select(_ => new List<EpisodeRecord>()).ToArray();
    }

    public int NumEnvs { get; }
    public int ObservationSize { get; }
    public int ActionSize { get; }
    public int DescriptorSize { get; }
    public Box SingleObservationSpace { get; }
    public Space SingleActionSpace { get; }
    public DescriptorSpec DescriptorSpec { get; }
    public bool IsDiscrete => SingleActionSpace is Discrete;
    public IReadOnlyList<Env> Envs => _envs;

    /// <summary>Number of contiguous slices the envs are split into (one per worker thread).</summary>
    public int SliceCount { get; }

    public float[] Observations { get; }
    public float[] Descriptors { get; }
    public float[] Rewards { get; }
    public bool[] Terminations { get; }
    public bool[] Truncations { get; }
    public float[] FinalObservations { get; }
    public float[] FinalDescriptors { get; }

    /// <summary>Episodes that ended during the last <c>Step</c>, in env order.</summary>
    public IReadOnlyList<EpisodeRecord> CompletedEpisodes => _completed;

    public void Reset(int seed)
    {
        for (int i = 0; i < NumEnvs; i++)
        {
            _envs[i].Reset(Observations.AsSpan(i * ObservationSize, ObservationSize), unchecked(seed + i));
            WriteDescriptor(i, Descriptors);
            _episodeReturns[i] = 0;
            _episodeLengths[i] = 0;
        }
        Array.Clear(Rewards);
        Array.Clear(Terminations);
        Array.Clear(Truncations);
        _completed.Clear();
        _needsReset = false;
    }

    public void Step(ReadOnlySpan<int> actions)
    {
        if (!IsDiscrete) throw new ArgumentException($"{_envs[0].Id} has continuous actions; pass float actions.");
        if (actions.Length != NumEnvs)
            throw new ArgumentException($"Expected {NumEnvs} actions (one per env), got {actions.Length}.");
        actions.CopyTo(_discreteActions);
        StepAll();
    }

    public void Step(ReadOnlySpan<float> actions)
    {
        if (IsDiscrete) throw new ArgumentException($"{_envs[0].Id} has discrete actions; pass int actions.");
        if (actions.Length != NumEnvs * ActionSize)
            throw new ArgumentException($"Expected {NumEnvs}x{ActionSize} = {NumEnvs * ActionSize} action values, got {actions.Length}.");
        actions.CopyTo(_continuousActions);
        StepAll();
    }

    public abstract void Dispose();

    /// <summary>Runs <see cref="StepSlice"/> for every slice index in [0, SliceCount), possibly in parallel.</summary>
    protected abstract void RunSlices();

    /// <summary>Steps the envs of one slice; slices own disjoint rows, so they may run concurrently.</summary>
    protected void StepSlice(int slice)
    {
        int start = (int)((long)NumEnvs * slice / SliceCount);
        int end = (int)((long)NumEnvs * (slice + 1) / SliceCount);
        var finished = _finishedPerSlice[slice];
        finished.Clear();
        int obsSize = ObservationSize;
        bool discrete = IsDiscrete;
        for (int i = start; i < end; i++)
        {
            var env = _envs[i];
            var observation = Observations.AsSpan(i * obsSize, obsSize);
            StepOutcome outcome = discrete
                ? env.Step(_discreteActions[i], observation)
                : env.Step(_continuousActions.AsSpan(i * ActionSize, ActionSize), observation);
            Rewards[i] = outcome.Reward;
            Terminations[i] = outcome.Terminated;
            Truncations[i] = outcome.Truncated;
            _episodeReturns[i] += outcome.Reward;
            _episodeLengths[i]++;
            if (!outcome.Done) continue;

            observation.CopyTo(FinalObservations.AsSpan(i * obsSize, obsSize));
            WriteDescriptor(i, FinalDescriptors);
            finished.Add(new EpisodeRecord(i, _episodeReturns[i], _episodeLengths[i], env.Descriptor.ToArray(), outcome.Truncated && !outcome.Terminated));
            _episodeReturns[i] = 0;
            _episodeLengths[i] = 0;
            env.Reset(observation);
            WriteDescriptor(i, Descriptors);
        }
    }

    private void StepAll()
    {
        if (_needsReset) throw new InvalidOperationException("Step called before Reset(seed) on the vector env.");
        RunSlices();
        _completed.Clear();
        foreach (var finished in _finishedPerSlice) _completed.AddRange(finished);
    }

    private void WriteDescriptor(int i, float[] destination)
    {
        var descriptor = _envs[i].Descriptor;
        int offset = i * DescriptorSize;
        for (int k = 0; k < descriptor.Length; k++) destination[offset + k] = (float)descriptor[k];
    }
}
