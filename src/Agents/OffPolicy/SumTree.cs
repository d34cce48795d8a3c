namespace HyperRL.Agents.OffPolicy;

/// <summary>
/// An array-based binary tree over <see cref="Capacity"/> non-negative leaves whose inner nodes hold the sum and the
/// minimum of their subtree (the segment trees of Schaul et al. 2016's proportional prioritization): setting a leaf and
/// finding the leaf where a prefix sum falls are O(log n). The minimum travels in the same walk because prioritized
/// replay needs both after every update (the sum to sample, the minimum to normalize importance weights).
/// Node 1 is the root, node k has children 2k and 2k + 1, and leaf i is node <c>_leaves + i</c>; leaves beyond
/// <see cref="Capacity"/> hold sum 0 and minimum +infinity, so they are never sampled and never the minimum.
/// Sums are doubles: a float root over a million leaves drifts by more than a small leaf's priority.
/// </summary>
public sealed class SumTree
{
    private readonly int _leaves;
    private readonly double[] _sum;
    private readonly double[] _min;

    public SumTree(int capacity)
    {
        if (capacity is < 1 or > MaxCapacity)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"Sum tree capacity must be in [1, {MaxCapacity}].");
        Capacity = capacity;
        _leaves = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _sum = new double[2 * _leaves];
        _min = new double[2 * _leaves];
        Array.Fill(_min, double.PositiveInfinity);
    }

    /// <summary>The most leaves whose node arrays (twice the leaves rounded up to a power of two) fit in one array.</summary>
    public const int MaxCapacity = 1 << 29;

    public int Capacity { get; }

    /// <summary>Sum of all leaves.</summary>
    public double Total => _sum[1];

    /// <summary>Smallest leaf set so far (+infinity while none is).</summary>
    public double Min => _min[1];

    /// <summary>Bytes a tree of <paramref name="capacity"/> leaves allocates (for the replay memory check).</summary>
    public static long BytesFor(long capacity) => 2L * 2 * (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, capacity)) * sizeof(double);

    public double this[int index] => _sum[_leaves + CheckIndex(index)];

    public void Set(int index, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "Sum tree leaves must be finite and non-negative.");
        int node = _leaves + CheckIndex(index);
        _sum[node] = value;
        _min[node] = value;
        for (node /= 2; node >= 1; node /= 2)
        {
            _sum[node] = _sum[2 * node] + _sum[2 * node + 1];
            _min[node] = Math.Min(_min[2 * node], _min[2 * node + 1]);
        }
    }

    /// <summary>
    /// The leaf i whose cumulative range [sum of leaves before i, that plus leaf i) holds <paramref name="prefixSum"/>,
    /// for a prefix sum in [0, <see cref="Total"/>). Rounding can push a value at the very top past the last
    /// positive leaf; the walk then stays on the heaviest side, so the result always has a positive priority.
    /// </summary>
    public int FindPrefixSum(double prefixSum)
    {
        if (!(Total > 0)) throw new InvalidOperationException("Cannot sample from a sum tree whose leaves are all zero.");
        int node = 1;
        while (node < _leaves)
        {
            int left = 2 * node;
            if (prefixSum < _sum[left] || _sum[left + 1] <= 0) node = left;
            else
            {
                prefixSum -= _sum[left];
                node = left + 1;
            }
        }
        return node - _leaves;
    }

    /// <summary>Writes the leaves (the inner nodes follow from them).</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(Capacity);
        for (int i = 0; i < Capacity; i++) writer.Write(_sum[_leaves + i]);
        // Whether a leaf was ever set: an unset leaf is 0 for the sum and +infinity for the minimum.
        for (int i = 0; i < Capacity; i++) writer.Write(!double.IsPositiveInfinity(_min[_leaves + i]));
    }

    public void Load(BinaryReader reader)
    {
        int capacity = reader.ReadInt32();
        if (capacity != Capacity) throw new InvalidDataException($"Sum tree state has {capacity} leaves, this tree {Capacity}.");
        var values = new double[capacity];
        for (int i = 0; i < capacity; i++) values[i] = reader.ReadDouble();
        Array.Clear(_sum);
        Array.Fill(_min, double.PositiveInfinity);
        for (int i = 0; i < capacity; i++)
        {
            bool set = reader.ReadBoolean();
            if (!(values[i] >= 0) || double.IsInfinity(values[i])) throw new InvalidDataException($"Sum tree leaf {i} is {values[i]}.");
            _sum[_leaves + i] = values[i];
            if (set) _min[_leaves + i] = values[i];
        }
        for (int node = _leaves - 1; node >= 1; node--)
        {
            _sum[node] = _sum[2 * node] + _sum[2 * node + 1];
            _min[node] = Math.Min(_min[2 * node], _min[2 * node + 1]);
        }
    }

    private int CheckIndex(int index) =>
        (uint)index < (uint)Capacity ? index : throw new ArgumentOutOfRangeException(nameof(index), index, $"Leaf index must be in [0, {Capacity}).");
}
