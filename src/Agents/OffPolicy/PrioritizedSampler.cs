using HyperRL.Envs.Util;

namespace HyperRL.Agents.OffPolicy;

/// <summary>
/// Proportional prioritized replay (Schaul et al. 2016, as in SB3-contrib and CleanRL's Rainbow): slot i is drawn with
/// probability P(i) = p_i^alpha / sum_k p_k^alpha, where p_i = |delta_i| + epsilon is the transition's last TD error.
/// A new transition gets the largest p seen so far, so each is replayed at least once soon after it arrives. A batch is
/// stratified (one draw per equal segment of the total priority), and each draw is weighted by
/// w_i = (N * P(i))^-beta / max_j w_j to correct the bias towards high-priority transitions; beta is annealed to 1.
/// </summary>
public sealed class PrioritizedSampler
{
    private readonly SumTree _tree;

    public PrioritizedSampler(int capacity, double alpha, double epsilon)
    {
        if (!(alpha is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Priority exponent alpha must be in [0, 1].");
        if (!(epsilon > 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Priority epsilon must be positive.");
        _tree = new SumTree(capacity);
        Alpha = alpha;
        Epsilon = epsilon;
    }

    public int Capacity => _tree.Capacity;
    public double Alpha { get; }
    public double Epsilon { get; }

    /// <summary>Importance-sampling exponent of the next batches (the caller anneals it).</summary>
    public double Beta { get; set; } = 1.0;

    /// <summary>Largest p = |delta| + epsilon seen so far (1 before any update, as in the paper).</summary>
    public double MaxPriority { get; private set; } = 1.0;

    /// <summary>P(i) of slot <paramref name="slot"/> (tests, debugging).</summary>
    public double Probability(int slot) => _tree[slot] / _tree.Total;

    /// <summary>A transition was written to <paramref name="slot"/> (new or overwriting an old one): it gets the max priority.</summary>
    public void OnAdded(int slot) => _tree.Set(slot, Math.Pow(MaxPriority, Alpha));

    /// <summary>
    /// Draws one slot per equal segment of the total priority into <paramref name="slots"/> and writes their
    /// normalized importance weights; <paramref name="count"/> is N, the number of stored transitions.
    /// </summary>
    public void Sample(Rng rng, int count, Span<int> slots, Span<float> weights)
    {
        if (count < 1) throw new InvalidOperationException("Cannot sample from an empty replay buffer.");
        double total = _tree.Total, segment = total / slots.Length;
        // max_j w_j belongs to the smallest priority: (N * P_min)^-beta.
        double maxWeight = Math.Pow(count * _tree.Min / total, -Beta);
        for (int b = 0; b < slots.Length; b++)
        {
            int slot = _tree.FindPrefixSum(segment * (b + rng.NextDouble()));
            slots[b] = slot;
            weights[b] = (float)(Math.Pow(count * _tree[slot] / total, -Beta) / maxWeight);
        }
    }

    /// <summary>New priorities p_i = |delta_i| + epsilon for the slots a gradient step just trained on.</summary>
    public void Update(ReadOnlySpan<int> slots, ReadOnlySpan<float> tdErrors)
    {
        for (int b = 0; b < slots.Length; b++)
        {
            double p = Math.Abs((double)tdErrors[b]) + Epsilon;
            if (!double.IsFinite(p)) throw new ArgumentException($"TD error {tdErrors[b]} of slot {slots[b]} is not finite.", nameof(tdErrors));
            MaxPriority = Math.Max(MaxPriority, p);
            _tree.Set(slots[b], Math.Pow(p, Alpha));
        }
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(Alpha);
        writer.Write(Epsilon);
        writer.Write(Beta);
        writer.Write(MaxPriority);
        _tree.Save(writer);
    }

    public void Load(BinaryReader reader)
    {
        double alpha = reader.ReadDouble(), epsilon = reader.ReadDouble();
        if (alpha != Alpha || epsilon != Epsilon)
            throw new InvalidDataException($"Prioritized replay state has alpha {alpha} and epsilon {epsilon}, this run {Alpha} and {Epsilon}.");
        Beta = reader.ReadDouble();
        MaxPriority = reader.ReadDouble();
        _tree.Load(reader);
    }
}
