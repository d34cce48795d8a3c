namespace HyperRL.Agents.Runs;

/// <summary>A run's metrics.csv as columns of numbers (the column set depends on the algorithm).</summary>
public sealed class MetricsTable(IReadOnlyList<string> columns, double[][] values, string source)
{
    public IReadOnlyList<string> Columns { get; } = columns;

    public int Count => values.Length == 0 ? 0 : values[0].Length;

    public bool Has(string column) => Columns.Contains(column);

    /// <summary>One column's values, NaN where a cell is empty or not a number.</summary>
    public double[] Column(string column)
    {
        int index = Columns.ToList().IndexOf(column);
        if (index < 0) throw new ArgumentException($"{source} has no column '{column}'; it has: {string.Join(", ", Columns)}");
        return values[index];
    }
}
