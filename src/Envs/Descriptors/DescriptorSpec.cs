namespace HyperRL.Envs.Descriptors;

/// <summary>
/// The named descriptor of an env family: the conditioning signal the hypernetwork reads. Defaults reproduce the
/// Gymnasium env; ranges bound what options and randomization may ask for.
/// </summary>
public sealed class DescriptorSpec
{
    private readonly DescriptorParameter[] _parameters;

    public DescriptorSpec(string family, params DescriptorParameter[] parameters)
    {
        Family = family;
        _parameters = parameters;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            if (!seen.Add(p.Name)) throw new ArgumentException($"Descriptor of {family} declares '{p.Name}' twice.");
            if (!(p.Min <= p.Default && p.Default <= p.Max))
                throw new ArgumentException($"Descriptor parameter '{p.Name}' of {family}: default {p.Default} outside [{p.Min}, {p.Max}].");
        }
    }

    public string Family { get; }
    public IReadOnlyList<DescriptorParameter> Parameters => _parameters;
    public int Length => _parameters.Length;
    public IEnumerable<string> Names => _parameters.Select(p => p.Name);

    public float[] Low => _parameters.Select(p => (float)p.Min).ToArray();
    public float[] High => _parameters.Select(p => (float)p.Max).ToArray();

    public double[] Defaults() => _parameters.Select(p => p.Default).ToArray();

    public int IndexOf(string name)
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i].Name == name) return i;
        }
        throw new ArgumentException(
            $"Unknown descriptor parameter '{name}' for {Family}; known: {string.Join(", ", Names)}.");
    }

    /// <summary>Defaults with the given overrides applied; names and ranges are checked.</summary>
    public double[] Resolve(IReadOnlyDictionary<string, double>? overrides)
    {
        double[] values = Defaults();
        if (overrides == null) return values;
        foreach (var (name, value) in overrides)
        {
            int index = IndexOf(name);
            CheckInRange(index, value);
            values[index] = value;
        }
        return values;
    }

    public void CheckInRange(int index, double value)
    {
        var p = _parameters[index];
        if (!p.InRange(value))
            throw new ArgumentOutOfRangeException(p.Name, value,
                $"Descriptor parameter '{p.Name}' of {Family} = {value} is outside its valid range [{p.Min}, {p.Max}].");
    }

    /// <summary>Checks a whole descriptor vector (length, finiteness, ranges).</summary>
    public void Validate(ReadOnlySpan<double> values)
    {
        if (values.Length != Length)
            throw new ArgumentException($"Descriptor of {Family} has {Length} values ({string.Join(", ", Names)}), got {values.Length}.");
        for (int i = 0; i < values.Length; i++) CheckInRange(i, values[i]);
    }

    /// <summary>"name=value, name=value" for messages and tables (4 significant digits).</summary>
    public string Format(ReadOnlySpan<double> values)
    {
        var parts = new string[values.Length];
        for (int i = 0; i < values.Length; i++) parts[i] = FormattableString.Invariant($"{_parameters[i].Name}={values[i]:G4}");
        return string.Join(", ", parts);
    }

    /// <summary>The same for a float descriptor row (vector envs hold descriptors as float32).</summary>
    public string Format(ReadOnlySpan<float> values)
    {
        var widened = new double[values.Length];
        for (int i = 0; i < values.Length; i++) widened[i] = values[i];
        return Format(widened);
    }
}
