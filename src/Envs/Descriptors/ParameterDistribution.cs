using HyperRL.Envs.Util;

namespace HyperRL.Envs.Descriptors;

/// <summary>
/// Domain randomization: the train ranges a descriptor is re-sampled from at every reset (unlisted parameters keep
/// their fixed value), plus held-out descriptor points kept for evaluating zero-shot transfer.
/// <para><see cref="Boxes"/> adds a non-rectangular train region (CARL's L- or axis-shaped modes): a mixture of
/// equally weighted boxes over the same parameters, one chosen per reset. Train's ranges stay independent of it.</para>
/// </summary>
public sealed record ParameterDistribution
{
    public IReadOnlyDictionary<string, ParameterRange> Train { get; init; } = new Dictionary<string, ParameterRange>();

    /// <summary>Boxes of the train region's union part; each names the same parameters, none of them in <see cref="Train"/>.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, ParameterRange>> Boxes { get; init; } =
        Array.Empty<IReadOnlyDictionary<string, ParameterRange>>();

    public IReadOnlyList<IReadOnlyDictionary<string, double>> HeldOut { get; init; } = Array.Empty<IReadOnlyDictionary<string, double>>();

    public bool IsEmpty => Train.Count == 0 && Boxes.Count == 0;

    /// <summary>Resolves names against a spec, checking that every range lies inside the parameter's valid range.</summary>
    public BoundDistribution Bind(DescriptorSpec spec)
    {
        var slots = BindRanges(spec, Train);
        var boxes = new Slot[Boxes.Count][];
        for (int k = 0; k < Boxes.Count; k++)
        {
            CheckBoxNames(k);
            boxes[k] = BindRanges(spec, Boxes[k]);
        }
        foreach (var point in HeldOut)
        {
            spec.Resolve(point);
        }
        return new BoundDistribution(slots, boxes);
    }

    private void CheckBoxNames(int k)
    {
        var box = Boxes[k];
        if (box.Count == 0) throw new ArgumentException($"Boxes[{k}] names no descriptor parameter.");
        foreach (var name in box.Keys)
        {
            if (Train.ContainsKey(name))
                throw new ArgumentException($"Boxes[{k}] names {name}, which Train randomizes too; a parameter is sampled from one or the other.");
        }
        var first = Boxes[0];
        if (k > 0 && (box.Count != first.Count || !box.Keys.All(first.ContainsKey)))
            throw new ArgumentException(
                $"Boxes[{k}] names {string.Join(", ", box.Keys)} but Boxes[0] names {string.Join(", ", first.Keys)}; every box names the same parameters.");
    }

    private static Slot[] BindRanges(DescriptorSpec spec, IReadOnlyDictionary<string, ParameterRange> ranges)
    {
        var slots = new List<Slot>();
        foreach (var (name, range) in ranges)
        {
            int index = spec.IndexOf(name);
            spec.CheckInRange(index, range.Low);
            spec.CheckInRange(index, range.High);
            slots.Add(new Slot(index, range.Low, range.High));
        }
        // Index order, so the random stream does not depend on the dictionary's enumeration order.
        slots.Sort((a, b) => a.Index.CompareTo(b.Index));
        return slots.ToArray();
    }
}

/// <summary>One descriptor entry sampled uniformly from [Low, High] (Low == High pins it).</summary>
internal readonly record struct Slot(int Index, double Low, double High);

/// <summary>A <see cref="ParameterDistribution"/> resolved to descriptor indices; sampling allocates nothing.</summary>
public sealed class BoundDistribution
{
    private readonly Slot[] _slots;
    private readonly Slot[][] _boxes;

    internal BoundDistribution(Slot[] slots, Slot[][] boxes)
    {
        _slots = slots;
        _boxes = boxes;
    }

    /// <summary>
    /// Train's ranges first, then (with boxes) one box index and that box's ranges: without boxes the generator is
    /// drawn exactly as before boxes existed, so older runs resume and reproduce bit for bit. All draws come from
    /// <paramref name="rng"/>, so saving the env's generator saves the sampler's whole state.
    /// </summary>
    public void Sample(Rng rng, Span<double> descriptor)
    {
        Draw(_slots, rng, descriptor);
        if (_boxes.Length > 0) Draw(_boxes[rng.NextInt(_boxes.Length)], rng, descriptor);
    }

    private static void Draw(Slot[] slots, Rng rng, Span<double> descriptor)
    {
        foreach (var (index, low, high) in slots) descriptor[index] = rng.Uniform(low, high);
    }
}
