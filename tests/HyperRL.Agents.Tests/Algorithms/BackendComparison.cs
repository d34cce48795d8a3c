using System.Globalization;
using HyperRL.Agents.Runs;

namespace HyperRL.Agents.Tests;

/// <summary>Two runs' metrics.csv rows compared column by column within float tolerance: what the fused and the
/// torch backend must agree on.</summary>
internal static class BackendComparison
{
    /// <param name="row">1-based data row of metrics.csv.</param>
    public static void AssertSameMetrics(string fusedRun, string torchRun, int row, IReadOnlyList<string> columns)
    {
        var fused = Row(fusedRun, row, columns);
        var torch = Row(torchRun, row, columns);
        foreach (var column in columns)
        {
            Assert.That(double.IsFinite(torch[column]), column + " is logged");
            Assert.That(fused[column], Is.EqualTo(torch[column]).Within(1e-4 + 1e-3 * Math.Abs(torch[column])), column);
        }
    }

    private static Dictionary<string, double> Row(string run, int row, IReadOnlyList<string> columns)
    {
        var lines = File.ReadAllLines(new RunLayout(run).Metrics);
        var header = lines[0].Split(',');
        var values = lines[row].Split(',');
        return columns.ToDictionary(column => column, column => double.Parse(values[Array.IndexOf(header, column)], CultureInfo.InvariantCulture));
    }
}
