using HyperRL.Agents.Training;
using HyperRL.Envs.Util;

namespace HyperRL.Agents.OffPolicy;

/// <summary>A sampled minibatch of transitions, in arrays owned by the buffer (overwritten by the next sample).</summary>
public sealed class ReplayBatch
{
    internal ReplayBatch(int batchSize, TransitionShape shape)
    {
        Observations = new float[batchSize * shape.ObservationSize];
        NextObservations = new float[batchSize * shape.ObservationSize];
        Descriptors = new float[batchSize * shape.DescriptorSize];
        DiscreteActions = shape.IsDiscrete ? new long[batchSize] : Array.Empty<long>();
        ContinuousActions = shape.IsDiscrete ? Array.Empty<float>() : new float[batchSize * shape.ActionSize];
        Rewards = new float[batchSize];
        Terminated = new float[batchSize];
        Discounts = new float[batchSize];
        Weights = new float[batchSize];
        Array.Fill(Weights, 1f);
        TdErrors = new float[batchSize];
        Indices = new int[batchSize];
    }

    public float[] Observations { get; }
    public float[] NextObservations { get; }
    public float[] Descriptors { get; }
    public long[] DiscreteActions { get; }
    public float[] ContinuousActions { get; }
    public float[] Rewards { get; }

    /// <summary>1 where the transition ended the episode by termination (no bootstrap); 0 otherwise, truncation included.</summary>
    public float[] Terminated { get; }

    /// <summary>gamma^m, the discount of the bootstrap value Q(s', .) after the m rewards summed in <see cref="Rewards"/>
    /// (m = 1 for one-step transitions, at most n for n-step ones).</summary>
    public float[] Discounts { get; }

    /// <summary>Importance-sampling weights of the samples: all 1 under uniform sampling.</summary>
    public float[] Weights { get; }

    /// <summary>
    /// |delta_i|, the absolute TD error of each sample, written by the algorithm's gradient step; a prioritized
    /// buffer turns them into the samples' new priorities (<see cref="ReplayBuffer.UpdatePriorities"/>).
    /// </summary>
    public float[] TdErrors { get; }

    /// <summary>The buffer slot each sample came from.</summary>
    public int[] Indices { get; }
    public int Size => Rewards.Length;
}

/// <summary>
/// DQN's replay memory: a ring of preallocated arrays filled N transitions at a time from a vector env. Each
/// transition stores the descriptor of its episode, used for both s and s' (an episode keeps its descriptor).
/// Truncated transitions store the true final observation as s' and are NOT marked terminal, so they bootstrap
/// (SB3's handle_timeout_termination). Each transition also stores the discount of its bootstrap value (gamma, or
/// gamma^m for an n-step transition). Sampling is uniform, or proportional to priority with a <see cref="PrioritizedSampler"/>.
/// A checkpoint holds the <see cref="Count"/> filled rows in binary (<see cref="Save"/>): 4 * (2 * obs + descriptor + 3)
/// + 8 bytes per discrete transition (or 4 * actions per continuous one): 72 bytes for CartPole, 7.2 MB for 100k; with
/// prioritized replay its sum tree too (9 bytes per slot of capacity).
/// </summary>
public sealed class ReplayBuffer : ICheckpointState
{
    private readonly float[] _observations;
    private readonly float[] _nextObservations;
    private readonly float[] _descriptors;
    private readonly long[] _discreteActions;
    private readonly float[] _continuousActions;
    private readonly float[] _rewards;
    private readonly float[] _terminated;
    private readonly float[] _discounts;

    public ReplayBuffer(int capacity, TransitionShape shape, PrioritizedSampler? priorities = null)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Replay capacity must be positive.");
        if (priorities is not null && priorities.Capacity != capacity)
            throw new ArgumentException($"The prioritized sampler has {priorities.Capacity} slots, the buffer {capacity}.", nameof(priorities));
        Priorities = priorities;
        Capacity = capacity;
        Shape = shape;
        _observations = new float[capacity * shape.ObservationSize];
        _nextObservations = new float[capacity * shape.ObservationSize];
        _descriptors = new float[capacity * shape.DescriptorSize];
        _discreteActions = shape.IsDiscrete ? new long[capacity] : Array.Empty<long>();
        _continuousActions = shape.IsDiscrete ? Array.Empty<float>() : new float[capacity * shape.ActionSize];
        _rewards = new float[capacity];
        _terminated = new float[capacity];
        _discounts = new float[capacity];
    }

    /// <summary>The priorities sampling follows; null for uniform sampling.</summary>
    public PrioritizedSampler? Priorities { get; }

    public int Capacity { get; }
    public TransitionShape Shape { get; }
    public int ObservationSize => Shape.ObservationSize;
    public int DescriptorSize => Shape.DescriptorSize;
    public int ActionSize => Shape.ActionSize;
    public bool IsDiscrete => Shape.IsDiscrete;

    /// <summary>Number of stored transitions (at most <see cref="Capacity"/>).</summary>
    public int Count { get; private set; }

    /// <summary>Slot the next transition goes to.</summary>
    public int Position { get; private set; }

    /// <summary>Adds one transition per env: row i of each array belongs to env i; all bootstrap with <paramref name="discount"/>.</summary>
    public void AddBatch(int numEnvs, ReadOnlySpan<float> observations, ReadOnlySpan<float> nextObservations, ReadOnlySpan<float> descriptors,
        ReadOnlySpan<long> discreteActions, ReadOnlySpan<float> continuousActions, ReadOnlySpan<float> rewards, ReadOnlySpan<bool> terminated,
        float discount)
    {
        for (int i = 0; i < numEnvs; i++)
        {
            Add(observations.Slice(i * ObservationSize, ObservationSize), nextObservations.Slice(i * ObservationSize, ObservationSize),
                descriptors.Slice(i * DescriptorSize, DescriptorSize), IsDiscrete ? discreteActions[i] : 0,
                IsDiscrete ? ReadOnlySpan<float>.Empty : continuousActions.Slice(i * ActionSize, ActionSize), rewards[i], terminated[i], discount);
        }
    }

    /// <summary>Adds one transition (<paramref name="continuousAction"/> is ignored for discrete actions, <paramref name="discreteAction"/> otherwise).</summary>
    public void Add(ReadOnlySpan<float> observation, ReadOnlySpan<float> nextObservation, ReadOnlySpan<float> descriptor, long discreteAction,
        ReadOnlySpan<float> continuousAction, float reward, bool terminated, float discount)
    {
        int p = Position;
        observation.Slice(0, ObservationSize).CopyTo(_observations.AsSpan(p * ObservationSize));
        nextObservation.Slice(0, ObservationSize).CopyTo(_nextObservations.AsSpan(p * ObservationSize));
        descriptor.Slice(0, DescriptorSize).CopyTo(_descriptors.AsSpan(p * DescriptorSize));
        if (IsDiscrete) _discreteActions[p] = discreteAction;
        else continuousAction.Slice(0, ActionSize).CopyTo(_continuousActions.AsSpan(p * ActionSize));
        _rewards[p] = reward;
        _terminated[p] = terminated ? 1f : 0f;
        _discounts[p] = discount;
        Priorities?.OnAdded(p);
        Position = (p + 1) % Capacity;
        if (Count < Capacity) Count++;
    }

    public ReplayBatch CreateBatch(int batchSize) => new(batchSize, Shape);

    /// <summary>
    /// Fills <paramref name="batch"/> with transitions drawn with replacement from the stored ones: uniformly (weights
    /// stay 1), or by priority with importance weights for the sampler's current beta.
    /// </summary>
    public void Sample(Rng rng, ReplayBatch batch)
    {
        if (Count == 0) throw new InvalidOperationException("Cannot sample from an empty replay buffer.");
        if (Priorities is null)
            for (int b = 0; b < batch.Size; b++) batch.Indices[b] = rng.NextInt(Count);
        else Priorities.Sample(rng, Count, batch.Indices, batch.Weights);
        for (int b = 0; b < batch.Size; b++)
        {
            int k = batch.Indices[b];
            _observations.AsSpan(k * ObservationSize, ObservationSize).CopyTo(batch.Observations.AsSpan(b * ObservationSize));
            _nextObservations.AsSpan(k * ObservationSize, ObservationSize).CopyTo(batch.NextObservations.AsSpan(b * ObservationSize));
            _descriptors.AsSpan(k * DescriptorSize, DescriptorSize).CopyTo(batch.Descriptors.AsSpan(b * DescriptorSize));
            if (IsDiscrete) batch.DiscreteActions[b] = _discreteActions[k];
            else _continuousActions.AsSpan(k * ActionSize, ActionSize).CopyTo(batch.ContinuousActions.AsSpan(b * ActionSize));
            batch.Rewards[b] = _rewards[k];
            batch.Terminated[b] = _terminated[k];
            batch.Discounts[b] = _discounts[k];
        }
    }

    /// <summary>Turns the TD errors a gradient step wrote into <paramref name="batch"/> into its samples' priorities (no-op when uniform).</summary>
    public void UpdatePriorities(ReplayBatch batch) => Priorities?.Update(batch.Indices, batch.TdErrors);

    /// <summary>Shapes, <see cref="Count"/>, <see cref="Position"/> and the filled rows as they lie in the ring (slot order
    /// decides which transition a sample index draws, so it is kept as is).</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(Capacity);
        writer.Write(ObservationSize);
        writer.Write(DescriptorSize);
        writer.Write(ActionSize);
        writer.Write(IsDiscrete);
        writer.Write(Count);
        writer.Write(Position);
        int n = Count;
        StateArrays.Write<float>(writer, _observations.AsSpan(0, n * ObservationSize));
        StateArrays.Write<float>(writer, _nextObservations.AsSpan(0, n * ObservationSize));
        StateArrays.Write<float>(writer, _descriptors.AsSpan(0, n * DescriptorSize));
        if (IsDiscrete) StateArrays.Write<long>(writer, _discreteActions.AsSpan(0, n));
        else StateArrays.Write<float>(writer, _continuousActions.AsSpan(0, n * ActionSize));
        StateArrays.Write<float>(writer, _rewards.AsSpan(0, n));
        StateArrays.Write<float>(writer, _terminated.AsSpan(0, n));
        StateArrays.Write<float>(writer, _discounts.AsSpan(0, n));
        writer.Write(Priorities is not null);
        Priorities?.Save(writer);
    }

    /// <summary>
    /// Reads what <see cref="Save"/> wrote. The same capacity restores the ring exactly. A resume that changed the budget
    /// changes the capacity (it is min(bufferSize, steps)): the transitions are then laid out oldest first and the newest
    /// that fit are kept, which is what a run with that capacity holds as long as the saved ring never wrapped.
    /// </summary>
    public void Load(BinaryReader reader)
    {
        int capacity = reader.ReadInt32();
        var saved = new TransitionShape(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadBoolean());
        if (saved != Shape)
            throw new InvalidDataException($"saved replay rows are {Describe(saved)}; this buffer's are {Describe(Shape)}");
        int count = reader.ReadInt32(), position = reader.ReadInt32();
        if (count < 0 || count > capacity || position < 0 || position >= Math.Max(capacity, 1))
            throw new InvalidDataException($"saved replay count {count} / position {position} do not fit its capacity {capacity}");
        if (capacity == Capacity)
        {
            ReadRows(reader, 0, count);
            ReadPriorities(reader, Priorities);
            Count = count;
            Position = position;
            return;
        }
        var rows = new ReplayBuffer(Math.Max(count, 1), Shape);
        rows.ReadRows(reader, 0, count);
        // Another capacity lays the sum tree out anew: the kept transitions enter it with the maximal priority, as new ones do.
        ReadPriorities(reader, Priorities is null ? null : new PrioritizedSampler(capacity, Priorities.Alpha, Priorities.Epsilon));
        // Oldest first: a full ring starts at its position, one that never wrapped at 0.
        int oldest = count == capacity ? position : 0;
        int keep = Math.Min(count, Capacity);
        Count = 0;
        Position = 0;
        for (int k = count - keep; k < count; k++) CopyRow(rows, (oldest + k) % count);
    }

    private void ReadRows(BinaryReader reader, int start, int n)
    {
        StateArrays.Read<float>(reader, _observations.AsSpan(start * ObservationSize, n * ObservationSize), "replay observations");
        StateArrays.Read<float>(reader, _nextObservations.AsSpan(start * ObservationSize, n * ObservationSize), "replay next observations");
        StateArrays.Read<float>(reader, _descriptors.AsSpan(start * DescriptorSize, n * DescriptorSize), "replay descriptors");
        if (IsDiscrete) StateArrays.Read<long>(reader, _discreteActions.AsSpan(start, n), "replay actions");
        else StateArrays.Read<float>(reader, _continuousActions.AsSpan(start * ActionSize, n * ActionSize), "replay actions");
        StateArrays.Read<float>(reader, _rewards.AsSpan(start, n), "replay rewards");
        StateArrays.Read<float>(reader, _terminated.AsSpan(start, n), "replay terminated flags");
        StateArrays.Read<float>(reader, _discounts.AsSpan(start, n), "replay discounts");
    }

    private static string Describe(TransitionShape shape) =>
        $"obs {shape.ObservationSize}, descriptor {shape.DescriptorSize}, action {shape.ActionSize}{(shape.IsDiscrete ? " (discrete)" : "")}";

    private static void ReadPriorities(BinaryReader reader, PrioritizedSampler? into)
    {
        bool saved = reader.ReadBoolean();
        if (saved != (into is not null))
            throw new InvalidDataException($"the saved replay buffer is {(saved ? "prioritized" : "uniform")}, this run's is {(saved ? "uniform" : "prioritized")}");
        into?.Load(reader);
    }

    private void CopyRow(ReplayBuffer source, int k)
    {
        int p = Position;
        source._observations.AsSpan(k * ObservationSize, ObservationSize).CopyTo(_observations.AsSpan(p * ObservationSize));
        source._nextObservations.AsSpan(k * ObservationSize, ObservationSize).CopyTo(_nextObservations.AsSpan(p * ObservationSize));
        source._descriptors.AsSpan(k * DescriptorSize, DescriptorSize).CopyTo(_descriptors.AsSpan(p * DescriptorSize));
        if (IsDiscrete) _discreteActions[p] = source._discreteActions[k];
        else source._continuousActions.AsSpan(k * ActionSize, ActionSize).CopyTo(_continuousActions.AsSpan(p * ActionSize));
        _rewards[p] = source._rewards[k];
        _terminated[p] = source._terminated[k];
        _discounts[p] = source._discounts[k];
        Priorities?.OnAdded(p);
        Position = (p + 1) % Capacity;
        if (Count < Capacity) Count++;
    }

    /// <summary>The stored observation in slot <paramref name="slot"/> (tests, debugging).</summary>
    public ReadOnlySpan<float> ObservationAt(int slot) => _observations.AsSpan(slot * ObservationSize, ObservationSize);

    public float RewardAt(int slot) => _rewards[slot];

    public ReadOnlySpan<float> NextObservationAt(int slot) => _nextObservations.AsSpan(slot * ObservationSize, ObservationSize);

    public bool TerminatedAt(int slot) => _terminated[slot] != 0;

    public float DiscountAt(int slot) => _discounts[slot];

    public long DiscreteActionAt(int slot) => _discreteActions[slot];

    public ReadOnlySpan<float> ContinuousActionAt(int slot) => _continuousActions.AsSpan(slot * ActionSize, ActionSize);

    public ReadOnlySpan<float> DescriptorAt(int slot) => _descriptors.AsSpan(slot * DescriptorSize, DescriptorSize);
}
