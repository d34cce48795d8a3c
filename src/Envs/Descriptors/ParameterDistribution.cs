using HyperRL.Envs.Util;

namespace HyperRL.Envs.Descriptors;

/// <summary>
/// Domain randomization: the train ranges a descriptor is re-sampled from at every reset (unlisted parameters keep
/// their fixed value), plus held-out descriptor points kept for evaluating zero-shot transfer.
/// </summary>
public sealed record ParameterDistribution
{
    public IReadOnlyDictionary<string, ParameterRange> Train { get; init; } = new Dictionary<string, ParameterRange>();

    public IReadOnlyList<IReadOnlyDictionary<string, double>> HeldOut { get; init; } = Array.Empty<IReadOnlyDictionary<string, double>>();

    public bool IsEmpty => Train.Count == 0;

    /// <summary>Resolves names against a spec, checking that every range lies inside the parameter's valid range.</summary>
    public BoundDistribution Bind(DescriptorSpec spec)
    {
        var slots = new List<(int Index, double Low, double High)>();
        foreach (var (name, range) in Train)
        {
            int index = spec.IndexOf(name);
            spec.CheckInRange(index, range.Low);
            spec.CheckInRange(index, range.High);
            slots.Add((index, range.Low, range.High));
        }
        foreach (var point in HeldOut)
        {
            spec.Resolve(point);
        }
        slots.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new BoundDistribution(slots.ToArray());
    }
}

/// <summary>A <see cref="ParameterDistribution"/> resolved to descriptor indices; sampling allocates nothing.</summary>
public sealed class BoundDistribution
{
    private readonly (int Index, double Low, double High)[] _slots;

    internal BoundDistribution((int Index, double Low, double High)[] slots) => _slots = slots;

    public void Sample(Rng rng, Span<double> descriptor)
    {
        foreach (var (index, low, high) in _slots) descriptor[index] = rng.Uniform(low, high);
    }
}
