using System.Globalization;
using HyperRL.Envs.Descriptors;

namespace HyperRL.Agents.Experiments;

/// <summary>One swept descriptor parameter: COUNT evenly spaced values from LOW to HIGH.</summary>
public sealed record GridSweep(string Name, double Low, double High, int Count)
{
    public const int MaxCount = 200;

    public double[] Values => Enumerable.Range(0, Count).Select(i => Count == 1 ? Low : Low + (High - Low) * i / (Count - 1)).ToArray();

    /// <summary>Parses NAME=LOW:HIGH:COUNT.</summary>
    public static GridSweep Parse(string text)
    {
        const string form = "NAME=LOW:HIGH:COUNT";
        var assignment = Assignment.Parse(text, "--grid", form);
        var parts = assignment.Value.Split(':');
        if (parts.Length != 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double low) || !double.IsFinite(low)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double high) || !double.IsFinite(high)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1 || count > MaxCount || low > high)
            throw new ArgumentException($"--grid '{text}' is not {form} with LOW <= HIGH and 1 <= COUNT <= {MaxCount}");
        return new GridSweep(assignment.Name, low, high, count);
    }

    /// <summary>All grid points (the cross product of the sweeps, the last sweep varying fastest), each merged with the
    /// fixed values, every one checked against the env family's names and ranges before any is evaluated. A parameter
    /// swept twice, or both swept and fixed, is an error.</summary>
    public static List<Dictionary<string, double>> Points(IReadOnlyList<GridSweep> sweeps, IReadOnlyDictionary<string, double> fixedValues,
        DescriptorSpec spec)
    {
        foreach (var (name, value) in fixedValues) spec.CheckInRange(spec.IndexOf(name), value);
        foreach (var sweep in sweeps)
        {
            int index = spec.IndexOf(sweep.Name);
            spec.CheckInRange(index, sweep.Low);
            spec.CheckInRange(index, sweep.High);
        }
        foreach (var sweep in sweeps)
        {
            if (sweeps.Count(s => s.Name == sweep.Name) > 1) throw new ArgumentException($"--grid sweeps '{sweep.Name}' twice");
            if (fixedValues.ContainsKey(sweep.Name)) throw new ArgumentException($"'{sweep.Name}' is both swept (--grid) and fixed (--descriptor)");
        }
        var points = new List<Dictionary<string, double>> { new(fixedValues) };
        foreach (var sweep in sweeps)
            points = points.SelectMany(p => sweep.Values.Select(v => new Dictionary<string, double>(p) { [sweep.Name] = v })).ToList();
        return points;
    }
}
