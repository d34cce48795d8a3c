using HyperRL.Agents.Training;
using HyperRL.Envs.Util;

namespace HyperRL.Agents.OffPolicy;

/// <summary>
/// n-step returns (Sutton 1988; Rainbow, Hessel et al. 2018): each env keeps its last n raw transitions, and the
/// oldest leaves as one transition (s_t, a_t, R, s_{t+m}, terminated, gamma^m) with
///     R = sum_{k &lt; m} gamma^k r_{t+k},
/// where m = n, or less when the episode ended inside the window. A termination ends it with no bootstrap; a
/// truncation bootstraps from the episode's true final observation, gamma^m Q(s_{t+m}). When an episode ends, every
/// transition still in its window leaves at once (each with a shorter m), so no window spans two episodes and the
/// descriptor of s_t is also that of s_{t+m}. Rewards are raw; the replay normalizes them when it samples. Reward
/// normalization scales by 1 / std(return), which is linear, so scaling R equals summing scaled rewards; its clip
/// (+-10 after scaling) then bounds R rather than each reward, which only bites for single rewards many return
/// standard deviations large, where clipping each of them would have cut R more.
/// </summary>
public sealed class NStepWindows : ICheckpointState
{
    private readonly int _numEnvs;
    private readonly TransitionShape _shape;
    private readonly double _gamma;
    private readonly float[] _discountAfter; // gamma^m for m = 0..n
    private readonly float[] _observations;
    private readonly float[] _descriptors;
    private readonly long[] _discreteActions;
    private readonly float[] _continuousActions;
    private readonly float[] _rewards;
    private readonly int[] _start;
    private readonly int[] _count;

    public NStepWindows(int n, double gamma, int numEnvs, TransitionShape shape)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n-step windows need n >= 1.");
        if (!(gamma is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Discount gamma must be in [0, 1].");
        N = n;
        _gamma = gamma;
        _numEnvs = numEnvs;
        _shape = shape;
        _discountAfter = new float[n + 1];
        for (int m = 0; m <= n; m++) _discountAfter[m] = (float)Math.Pow(gamma, m);
        int rows = numEnvs * n;
        _observations = new float[rows * shape.ObservationSize];
        _descriptors = new float[rows * shape.DescriptorSize];
        _discreteActions = shape.IsDiscrete ? new long[rows] : [];
        _continuousActions = shape.IsDiscrete ? [] : new float[rows * shape.ActionSize];
        _rewards = new float[rows];
        _start = new int[numEnvs];
        _count = new int[numEnvs];
    }

    public int N { get; }

    /// <summary>Transitions env <paramref name="env"/> holds that have not reached the replay yet.</summary>
    public int Pending(int env) => _count[env];

    /// <summary>
    /// Takes one raw step of every env (row i of each array is env i; s' is the true final observation where the episode
    /// ended) and adds to <paramref name="replay"/> the transitions whose window is complete or whose episode ended.
    /// </summary>
    public void Add(ReadOnlySpan<float> observations, ReadOnlySpan<float> nextObservations, ReadOnlySpan<float> descriptors,
        ReadOnlySpan<long> discreteActions, ReadOnlySpan<float> continuousActions, ReadOnlySpan<float> rewards,
        ReadOnlySpan<bool> terminations, ReadOnlySpan<bool> truncations, ReplayBuffer replay)
    {
        for (int i = 0; i < _numEnvs; i++)
        {
            if (_count[i] == N) throw new InvalidOperationException($"The n-step window of env {i} is full; it should have been emitted.");
            int row = Row(i, _count[i]);
            observations.Slice(i * _shape.ObservationSize, _shape.ObservationSize).CopyTo(_observations.AsSpan(row * _shape.ObservationSize));
            descriptors.Slice(i * _shape.DescriptorSize, _shape.DescriptorSize).CopyTo(_descriptors.AsSpan(row * _shape.DescriptorSize));
            if (_shape.IsDiscrete) _discreteActions[row] = discreteActions[i];
            else continuousActions.Slice(i * _shape.ActionSize, _shape.ActionSize).CopyTo(_continuousActions.AsSpan(row * _shape.ActionSize));
            _rewards[row] = rewards[i];
            _count[i]++;

            var next = nextObservations.Slice(i * _shape.ObservationSize, _shape.ObservationSize);
            if (terminations[i] || truncations[i])
            {
                while (_count[i] > 0) EmitOldest(i, next, terminations[i], replay);
            }
            else if (_count[i] == N) EmitOldest(i, next, terminated: false, replay);
        }
    }

    /// <summary>Drops every pending transition (the envs were reset outside the loop).</summary>
    public void Clear()
    {
        Array.Clear(_start);
        Array.Clear(_count);
    }

    // The oldest transition of env i with the m = count rewards after it, then the window slides by one.
    private void EmitOldest(int env, ReadOnlySpan<float> next, bool terminated, ReplayBuffer replay)
    {
        int m = _count[env];
        double sum = 0;
        for (int k = m - 1; k >= 0; k--) sum = _rewards[Row(env, k)] + _gamma * sum; // Horner: r_t + gamma (r_{t+1} + ...)
        int first = Row(env, 0);
        replay.Add(_observations.AsSpan(first * _shape.ObservationSize, _shape.ObservationSize), next,
            _descriptors.AsSpan(first * _shape.DescriptorSize, _shape.DescriptorSize), _shape.IsDiscrete ? _discreteActions[first] : 0,
            _shape.IsDiscrete ? ReadOnlySpan<float>.Empty : _continuousActions.AsSpan(first * _shape.ActionSize, _shape.ActionSize),
            (float)sum, terminated, _discountAfter[m]);
        _start[env] = (_start[env] + 1) % N;
        _count[env]--;
    }

    // Row of the k-th oldest pending transition of env (each env owns N consecutive rows, used as a ring).
    private int Row(int env, int k) => env * N + (_start[env] + k) % N;

    /// <summary>Writes the pending transitions of every env, oldest first.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(N);
        writer.Write(_gamma);
        writer.Write(_numEnvs);
        writer.Write(_shape.ObservationSize);
        writer.Write(_shape.DescriptorSize);
        writer.Write(_shape.ActionSize);
        writer.Write(_shape.IsDiscrete);
        for (int i = 0; i < _numEnvs; i++)
        {
            writer.Write(_count[i]);
            for (int k = 0; k < _count[i]; k++)
            {
                int row = Row(i, k);
                StateArrays.Write<float>(writer, _observations.AsSpan(row * _shape.ObservationSize, _shape.ObservationSize));
                StateArrays.Write<float>(writer, _descriptors.AsSpan(row * _shape.DescriptorSize, _shape.DescriptorSize));
                if (_shape.IsDiscrete) writer.Write(_discreteActions[row]);
                else StateArrays.Write<float>(writer, _continuousActions.AsSpan(row * _shape.ActionSize, _shape.ActionSize));
                writer.Write(_rewards[row]);
            }
        }
    }

    public void Load(BinaryReader reader)
    {
        var saved = (N: reader.ReadInt32(), Gamma: reader.ReadDouble(), Envs: reader.ReadInt32(),
            Shape: new TransitionShape(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadBoolean()));
        if (saved != (N, _gamma, _numEnvs, _shape))
            throw new InvalidDataException($"n-step state {saved} does not match these windows {(N, _gamma, _numEnvs, _shape)}.");
        Clear();
        for (int i = 0; i < _numEnvs; i++)
        {
            int count = reader.ReadInt32();
            if ((uint)count >= (uint)N) throw new InvalidDataException($"n-step state holds {count} pending transitions for env {i}; at most {N - 1} can be.");
            for (int k = 0; k < count; k++)
            {
                int row = Row(i, k);
                StateArrays.Read<float>(reader, _observations.AsSpan(row * _shape.ObservationSize, _shape.ObservationSize), "n-step observation");
                StateArrays.Read<float>(reader, _descriptors.AsSpan(row * _shape.DescriptorSize, _shape.DescriptorSize), "n-step descriptor");
                if (_shape.IsDiscrete) _discreteActions[row] = reader.ReadInt64();
                else StateArrays.Read<float>(reader, _continuousActions.AsSpan(row * _shape.ActionSize, _shape.ActionSize), "n-step action");
                _rewards[row] = reader.ReadSingle();
            }
            _count[i] = count;
        }
    }
}
