using System.Globalization;

namespace HyperRL.Cli.Plotting;

/// <summary>One swept descriptor parameter: COUNT evenly spaced values from LOW to HIGH.</summary>
public sealed record GridSweep(string Name, double Low, double High, int Count)
{
    public double[] Values => Enumerable.Range(0, Count).Select(i => Count == 1 ? Low : Low + (High - Low) * i / (Count - 1)).ToArray();

    /// <summary>Parses NAME=LOW:HIGH:COUNT.</summary>
    public static GridSweep Parse(string text)
    {
        var assignment = Assignment.Parse(text);
        var parts = assignment.Value.Split(':');
        if (parts.Length != 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double low)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double high)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1 || count > 200 || low > high)
            throw new ArgumentException($"--grid '{text}' is not NAME=LOW:HIGH:COUNT with LOW <= HIGH and 1 <= COUNT <= 200");
        return new GridSweep(assignment.Name, low, high, count);
    }

    /// <summary>All grid points (the cross product of the sweeps), each merged with the fixed values.</summary>
    public static List<Dictionary<string, double>> Points(IReadOnlyList<GridSweep> sweeps, IReadOnlyDictionary<string, double> fixedValues)
    {
        var points = new List<Dictionary<string, double>> { new(fixedValues) };
        foreach (var sweep in sweeps)
        {
            points = points.SelectMany(p => sweep.Values.Select(v => new Dictionary<string, double>(p) { [sweep.Name] = v })).ToList();
        }
        return points;
    }
}
