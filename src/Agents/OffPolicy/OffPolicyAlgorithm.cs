using System.Diagnostics;
using HyperRL.Agents.Algorithms;
using HyperRL.Agents.Distributed;
using HyperRL.Agents.Distributed.Protocol;
using HyperRL.Agents.Environments;
using HyperRL.Agents.Schedules;
using HyperRL.Agents.Training;
using HyperRL.Envs.Util;
using HyperRL.Envs.Vector;
using HyperRL.Envs.Vector.Wrappers;
using HyperRL.HyperPolicy.Persistence;
using HyperRL.HyperPolicy;
using static TorchSharp.torch;

namespace HyperRL.Agents.OffPolicy;

/// <summary>
/// The loop off-policy algorithms share (Stable-Baselines3's OffPolicyAlgorithm.collect_rollouts and learn): choose
/// actions, step the envs, store the raw transitions (s, a, r, s', terminated, descriptor), and every
/// <see cref="OffPolicyConfig.TrainFrequency"/> env steps, once <see cref="OffPolicyConfig.LearningStarts"/> were
/// collected, take <see cref="OffPolicyConfig.GradientSteps"/> gradient steps on minibatches normalized at sample time.
/// s' of a finished episode is its final observation, and truncated transitions are not terminal, so they bootstrap.
/// With <see cref="ReplayOptions.NStep"/> > 1 the transitions pass through <see cref="NStepWindows"/> first; with
/// prioritized replay each gradient step reports its TD errors (<see cref="ReplayBatch.TdErrors"/>), which become the
/// sampled transitions' priorities, and beta rises linearly from its initial value to 1 over the planned steps.
/// Subclasses choose actions and take one gradient step; metrics are averaged over each logging interval.
/// </summary>
public abstract class OffPolicyAlgorithm : IAlgorithm
{
    private const long LogEvery = 1000;
    private const string StateFile = "offpolicy.bin";
    private const string ReplayFile = "replay.bin";

    private readonly OffPolicyConfig _schedule;
    private readonly ReplayBatch _batch;
    private readonly int[] _discreteActions;
    private readonly long[] _storedActions;
    private readonly float[] _continuousActions;
    private readonly float[] _observations;
    private readonly float[] _descriptors;
    private readonly float[] _nextObservations;
    private readonly Stopwatch _clock = new();
    private readonly float _oneStepDiscount;
    private readonly LinearSchedule? _beta;
    private readonly bool _checkpointReplay;
    // The logging interval's sums live across Learn calls: a run stopped mid-interval and resumed logs the same means.
    private double[]? _sums;
    private int _trainSteps;
    private double[] _diagnostics = [];
    private readonly Stopwatch _interval = new();
    private long _intervalStart;
    private long _nextLog;
    // With remote actors: their pool, the weights last read for requests, and the staleness of this interval's chunks.
    private readonly RemoteWorkerPool? _workers;
    private Block<float>? _parameters;
    private int _parametersVersion = -1;
    private TrafficCounters? _traffic;
    private long _lagSum;
    private int _lagChunks;

    protected OffPolicyAlgorithm(AlgorithmContext context, OffPolicyConfig schedule, ulong generatorStream)
    {
        _schedule = schedule;
        _workers = context.Workers;
        Pipeline = context.Envs;
        Device = context.Device;
        TotalStepsPlanned = context.Config.TotalSteps;
        var envs = Pipeline.Envs;
        // A run never stores more transitions than it takes steps: a 1e6 default need not allocate for a 20k-step run.
        int capacity = (int)Math.Min(schedule.BufferSize, Math.Max(TotalStepsPlanned, 1));
        var options = schedule.Replay();
        PrioritizedSampler? priorities = null;
        if (options.Prioritized)
        {
            priorities = new PrioritizedSampler(capacity, options.PriorityAlpha, options.PriorityEpsilon);
            _beta = new LinearSchedule(options.PriorityBeta, 1.0);
        }
        var shape = new TransitionShape(envs.ObservationSize, envs.DescriptorSize, envs.ActionSize, envs.IsDiscrete);
        Replay = new ReplayBuffer(capacity, shape, priorities);
        _oneStepDiscount = (float)schedule.Gamma;
        if (options.NStep > 1)
            NStep = new NStepWindows(options.NStep, schedule.Gamma, envs.NumEnvs, shape);
        _batch = Replay.CreateBatch(schedule.BatchSize);
        Rng = new Rng(Rng.Derive((ulong)context.Config.Seed, generatorStream));
        _checkpointReplay = context.Config.CheckpointReplay;
        int n = envs.NumEnvs;
        _discreteActions = new int[n];
        _storedActions = new long[n];
        _continuousActions = new float[envs.IsDiscrete ? 0 : n * envs.ActionSize];
        _observations = new float[n * envs.ObservationSize];
        _descriptors = new float[n * envs.DescriptorSize];
        _nextObservations = new float[n * envs.ObservationSize];
    }

    protected EnvPipeline Pipeline { get; }
    protected Device Device { get; }
    protected internal ReplayBuffer Replay { get; }

    /// <summary>The per-env windows n-step transitions are assembled in; null for one-step transitions.</summary>
    protected internal NStepWindows? NStep { get; }

    /// <summary>Importance-sampling exponent of prioritized replay at this point of training (null when uniform).</summary>
    protected double? PriorityBeta => _beta?.At(Progress);

    /// <summary>The algorithm's own generator: exploration and replay sampling.</summary>
    protected Rng Rng { get; }

    protected long TotalStepsPlanned { get; }

    /// <summary>Fraction of the planned steps done, in [0, 1] (for schedules).</summary>
    protected double Progress => Math.Min(1.0, (double)GlobalStep / TotalStepsPlanned);

    public long GlobalStep { get; private set; }
    public int Updates { get; private set; }
    public abstract PolicyModel Policy { get; }

    /// <summary>The backend the gradient steps take: torch unless the algorithm has a fused path it runs.</summary>
    public virtual string Backend => TrainingBackends.Torch;

    /// <summary>Names of the values <see cref="TrainStep"/> reports, in order (averaged per logging interval).</summary>
    protected abstract IReadOnlyList<string> DiagnosticNames { get; }

    /// <summary>One action per env for the observations the agent sees (normalized as configured).</summary>
    protected abstract void SelectActions(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, Span<int> discreteActions,
        Span<float> continuousActions);

    /// <summary>
    /// One gradient step on <paramref name="batch"/> (observations and rewards already normalized). An algorithm that
    /// offers prioritized replay weights each sample's loss by <see cref="ReplayBatch.Weights"/> and writes |delta_i| to
    /// <see cref="ReplayBatch.TdErrors"/>; the targets bootstrap with <see cref="ReplayBatch.Discounts"/>.
    /// </summary>
    protected abstract void TrainStep(ReplayBatch batch, Span<double> diagnostics);

    /// <summary>After every env step, once learning has started (e.g. a periodic target-network copy).</summary>
    protected virtual void AfterEnvStep(int stepSize)
    {
    }

    /// <summary>Schedule values logged with each interval (exploration rate, learning rate, ...).</summary>
    protected virtual IEnumerable<KeyValuePair<string, double>> ScheduleMetrics() => [];

    /// <summary>True when stepping by <paramref name="increment"/> to <paramref name="step"/> passed a multiple of <paramref name="every"/>.</summary>
    protected static bool CrossedMultiple(long step, int increment, long every) => every > 0 && step / every != (step - increment) / every;

    public void Learn(long totalSteps, ITrainingObserver observer, CancellationToken cancellation)
    {
        _sums ??= new double[DiagnosticNames.Count];
        _diagnostics = new double[DiagnosticNames.Count];
        _interval.Restart();
        _intervalStart = GlobalStep;
        _nextLog = (GlobalStep / LogEvery + 1) * LogEvery;
        _traffic = _workers?.Traffic;
        _clock.Start();
        if (_workers is not null) LearnFromRemoteActors(_workers, totalSteps, observer, cancellation);
        else LearnFromLocalEnvs(totalSteps, observer, cancellation);
        _clock.Stop();
    }

    private void LearnFromLocalEnvs(long totalSteps, ITrainingObserver observer, CancellationToken cancellation)
    {
        var envs = Pipeline.Envs;
        var raw = Pipeline.Raw;
        int n = envs.NumEnvs, obsSize = envs.ObservationSize;
        while (GlobalStep < totalSteps && !cancellation.IsCancellationRequested)
        {
            SelectActions(envs.Observations, envs.Descriptors, _discreteActions, _continuousActions);
            raw.Observations.CopyTo(_observations);
            envs.Descriptors.CopyTo(_descriptors);
            if (envs.IsDiscrete) envs.Step(_discreteActions);
            else envs.Step(_continuousActions);
            GlobalStep += n;
            foreach (var episode in Pipeline.CompletedEpisodes) observer.OnEpisode(GlobalStep, episode);

            raw.Observations.CopyTo(_nextObservations);
            for (int i = 0; i < n; i++)
                if (raw.Terminations[i] || raw.Truncations[i])
                    raw.FinalObservations.Slice(i * obsSize, obsSize).CopyTo(_nextObservations.AsSpan(i * obsSize));
            for (int i = 0; i < n && envs.IsDiscrete; i++) _storedActions[i] = _discreteActions[i];
            if (NStep is null)
                Replay.AddBatch(n, _observations, _nextObservations, _descriptors, _storedActions, _continuousActions, raw.Rewards, raw.Terminations,
                    _oneStepDiscount);
            else
                NStep.Add(_observations, _nextObservations, _descriptors, _storedActions, _continuousActions, raw.Rewards, raw.Terminations,
                    raw.Truncations, Replay);
            AfterTransitions(n, observer);
        }
    }

    /// <summary>
    /// Ape-X (Horgan et al. 2018): actors on remote workers act with their own exploration and a copy of the weights
    /// sent with each request (so refreshed every chunk of <see cref="RemoteChunkTransitions"/> transitions); their
    /// transitions go into this learner's replay as they arrive, one env step of the worker at a time, and the
    /// learner trains on the same schedule as in-process (every trainFrequency env steps, summed over all actors).
    /// Staleness (gradient steps between the weights a chunk acted with and its arrival) is logged as policy_lag.
    /// </summary>
    private void LearnFromRemoteActors(RemoteWorkerPool workers, long totalSteps, ITrainingObserver observer, CancellationToken cancellation)
    {
        int n = Pipeline.Envs.NumEnvs, obsSize = Replay.ObservationSize, descSize = Replay.DescriptorSize, actionSize = Replay.ActionSize;
        int chunkSteps = Math.Max(1, RemoteChunkTransitions / n);
        while (GlobalStep < totalSteps && !cancellation.IsCancellationRequested)
        {
            var (_, chunk) = workers.Next(index => RemoteRequest(index, workers.Workers, chunkSteps), cancellation);
            if (chunk.NumEnvs != n) throw new RemoteWorkersException($"a worker returned {chunk.NumEnvs} envs per step, the run has {n}");
            _lagSum += Updates - chunk.PolicyVersion;
            _lagChunks++;
            ChunkStatistics.Merge(Pipeline, chunk);
            var discrete = chunk.DiscreteActions.Span;
            var continuous = chunk.ContinuousActions.Span;
            int episode = 0;
            for (int t = 0; t < chunk.Steps && GlobalStep < totalSteps; t++)
            {
                int row = t * n;
                Replay.AddBatch(n, chunk.Observations.Span.Slice(row * obsSize, n * obsSize), chunk.NextObservations.Span.Slice(row * obsSize, n * obsSize),
                    chunk.Descriptors.Span.Slice(row * descSize, n * descSize), discrete.IsEmpty ? discrete : discrete.Slice(row, n),
                    continuous.IsEmpty ? continuous : continuous.Slice(row * actionSize, n * actionSize), chunk.Rewards.Span.Slice(row, n),
                    chunk.Terminations.Span.Slice(row, n), _oneStepDiscount);
                GlobalStep += n;
                for (; episode < chunk.Episodes.Length && chunk.Episodes[episode].StepOffset == (t + 1) * n; episode++)
                    observer.OnEpisode(GlobalStep, chunk.Episodes[episode].ToRecord());
                AfterTransitions(n, observer);
            }
        }
    }

    /// <summary>Transitions per remote chunk (and so between weight refreshes of an actor), about Ape-X's 400 frames.</summary>
    public const int RemoteChunkTransitions = 256;

    private RolloutRequest RemoteRequest(int workerIndex, int workers, int steps)
    {
        if (_parametersVersion != Updates || _parameters is null)
        {
            _parameters = Block<float>.Of(ParameterVector.Read(Policy));
            _parametersVersion = Updates;
        }
        var (observations, returns) = ChunkStatistics.Of(Pipeline);
        return new RolloutRequest(Updates, _parameters, observations, returns, steps, RemoteExploration(workerIndex, workers));
    }

    /// <summary>Remote actor <paramref name="workerIndex"/>'s exploration rate now (see <see cref="IRemoteActor"/>).</summary>
    protected abstract double RemoteExploration(int workerIndex, int workers);

    /// <summary>After <paramref name="n"/> transitions (one step of every env) were stored: the gradient steps due, the
    /// algorithm's per-step work, and the log row every <see cref="LogEvery"/> env steps.</summary>
    private void AfterTransitions(int n, ITrainingObserver observer)
    {
        var sums = _sums!;
        if (GlobalStep > _schedule.LearningStarts)
        {
            // Count is 0 only while the first n-step windows fill up (learningStarts below n).
            if (CrossedMultiple(GlobalStep, n, _schedule.TrainFrequency) && Replay.Count > 0)
            {
                for (int g = 0; g < _schedule.GradientSteps; g++)
                {
                    if (Replay.Priorities is { } priorities) priorities.Beta = _beta!.At(Progress); // annealed towards 1 as the policy settles
                    Replay.Sample(Rng, _batch);
                    Pipeline.NormalizeObservations(_batch.Observations, _batch.Size);
                    Pipeline.NormalizeObservations(_batch.NextObservations, _batch.Size);
                    Pipeline.NormalizeRewards(_batch.Rewards);
                    using (NewDisposeScope()) TrainStep(_batch, _diagnostics);
                    Replay.UpdatePriorities(_batch);
                    for (int k = 0; k < sums.Length; k++)
                    {
                        // A NaN or infinite loss stops training before anything of the diverged state is saved.
                        if (!double.IsFinite(_diagnostics[k]))
                            throw new TrainingDivergedException($"{DiagnosticNames[k]} is {_diagnostics[k]} at step {GlobalStep}");
                        sums[k] += _diagnostics[k];
                    }
                    _trainSteps++;
                    Updates++;
                }
            }
            AfterEnvStep(n);
        }

        if (GlobalStep >= _nextLog)
        {
            _nextLog = (GlobalStep / LogEvery + 1) * LogEvery;
            var values = DiagnosticNames.Select((name, k) => new KeyValuePair<string, double>(name, _trainSteps > 0 ? sums[k] / _trainSteps : double.NaN))
                .Concat(ScheduleMetrics())
                .Append(new("steps_per_second", (GlobalStep - _intervalStart) / Math.Max(1e-9, _interval.Elapsed.TotalSeconds)))
                .ToList();
            if (_workers is not null)
            {
                values.AddRange(_workers.Metrics(_traffic!));
                values.Add(new("policy_lag", _lagChunks > 0 ? (double)_lagSum / _lagChunks : double.NaN));
                (_traffic, _lagSum, _lagChunks) = (_workers.Traffic, 0, 0);
            }
            Array.Clear(sums);
            _trainSteps = 0;
            _intervalStart = GlobalStep;
            _interval.Restart();
            observer.OnUpdate(new UpdateMetrics(GlobalStep, Updates, _clock.Elapsed.TotalSeconds, values));
        }
    }

    /// <summary>
    /// Everything replay-side a checkpoint holds, written to replay.bin in this order and read back in it: a sum tree or
    /// n-step windows join with one entry here (each <see cref="ICheckpointState"/> writes its own fields).
    /// </summary>
    // The n-step windows hold transitions on their way into the buffer, so they travel with it.
    private ICheckpointState[] ReplayState => NStep is null ? [Replay] : [Replay, NStep];

    public IReadOnlyList<string> StateLeftOut =>
        _checkpointReplay ? [] : ["the replay buffer (checkpointReplay is false): it starts empty"];

    public void SaveState(string directory)
    {
        SaveNetworks(directory);
        CheckpointBinary.Write(Path.Combine(directory, StateFile), writer =>
        {
            Rng.Save(writer);
            writer.Write(_trainSteps);
            var sums = _sums ?? new double[DiagnosticNames.Count];
            writer.Write(sums.Length);
            foreach (double sum in sums) writer.Write(sum);
            SaveAlgorithmState(writer);
        });
        if (_checkpointReplay)
            CheckpointBinary.Write(Path.Combine(directory, ReplayFile), writer =>
            {
                foreach (var part in ReplayState) part.Save(writer);
            });
    }

    /// <summary>Writes every network and optimizer of the algorithm.</summary>
    protected abstract void SaveNetworks(string directory);

    /// <summary>Loads the networks and optimizers; the counters are continued by the base.</summary>
    protected abstract void LoadNetworks(string directory);

    /// <summary>State of the subclass that lives across env steps besides networks and optimizers (counters, caches that
    /// decide what happens next), after the base's generator and logging sums.</summary>
    protected virtual void SaveAlgorithmState(BinaryWriter writer)
    {
    }

    protected virtual void LoadAlgorithmState(BinaryReader reader)
    {
    }

    public void LoadState(string directory, long globalStep, int updates, bool exact)
    {
        LoadNetworks(directory);
        GlobalStep = globalStep;
        Updates = updates;
        if (!exact) return;
        CheckpointBinary.Read(directory, StateFile, reader =>
        {
            Rng.Load(reader);
            _trainSteps = reader.ReadInt32();
            int count = reader.ReadInt32();
            if (count != DiagnosticNames.Count) throw new InvalidDataException($"{count} logged sums, this algorithm logs {DiagnosticNames.Count}");
            _sums = new double[count];
            for (int k = 0; k < count; k++) _sums[k] = reader.ReadDouble();
            LoadAlgorithmState(reader);
        });
        // A run that opted out (checkpointReplay false) has no replay file: its buffer starts empty, as StateLeftOut says.
        if (_checkpointReplay)
            CheckpointBinary.Read(directory, ReplayFile, reader =>
            {
                foreach (var part in ReplayState) part.Load(reader);
            });
    }

    public abstract void Dispose();
}
