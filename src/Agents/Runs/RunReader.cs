using HyperRL.Envs.Descriptors;
using nietras.SeparatedValues;

namespace HyperRL.Agents.Runs;

/// <summary>Reads what <see cref="RunLog"/> wrote: the one way the toolkit, its tests and its benchmarks read runs.</summary>
public static class RunReader
{
    public static MetricsTable ReadMetrics(RunLayout layout)
    {
        using var reader = Open(layout.Metrics, RunColumns.MetricsLeading);
        var columns = reader.Header.ColNames.ToArray();
        var values = columns.Select(_ => new List<double>()).ToArray();
        foreach (var row in reader)
            for (int c = 0; c < columns.Length; c++) values[c].Add(Number(row[c]));
        return new MetricsTable(columns, values.Select(v => v.ToArray()).ToArray(), layout.Metrics);
    }

    public static IReadOnlyList<EpisodeRow> ReadEpisodes(RunLayout layout, DescriptorSpec descriptor)
    {
        using var reader = Open(layout.Episodes, RunColumns.EpisodesHeader(descriptor.Names));
        var descriptorColumns = DescriptorColumns(reader, descriptor);
        var rows = new List<EpisodeRow>();
        foreach (var row in reader)
        {
            rows.Add(new EpisodeRow(row[RunColumns.Step].Parse<long>(), row[RunColumns.Env].Parse<int>(), Number(row[RunColumns.Return]),
                row[RunColumns.Length].Parse<int>(), row[RunColumns.Truncated].Span.SequenceEqual("true"), Numbers(row, descriptorColumns)));
        }
        return rows;
    }

    public static IReadOnlyList<EvalRow> ReadEval(RunLayout layout, DescriptorSpec descriptor)
    {
        using var reader = Open(layout.Eval, RunColumns.EvalHeader(descriptor.Names));
        var descriptorColumns = DescriptorColumns(reader, descriptor);
        var rows = new List<EvalRow>();
        foreach (var row in reader)
        {
            var values = Numbers(row, descriptorColumns);
            rows.Add(new EvalRow(row[RunColumns.Step].Parse<long>(), Number(row[RunColumns.Seconds]), row[RunColumns.Set].ToString(),
                Number(row[RunColumns.MeanReturn]), Number(row[RunColumns.StdReturn]), Number(row[RunColumns.MeanLength]),
                row[RunColumns.Episodes].Parse<int>(), Number(row[RunColumns.Terminated]), values.All(double.IsNaN) && values.Length > 0 ? null : values));
        }
        return rows;
    }

    private static int[] DescriptorColumns(SepReader reader, DescriptorSpec descriptor) =>
        descriptor.Names.Select(name => reader.Header.IndexOf(RunColumns.Descriptor(name))).ToArray();

    private static SepReader Open(string path, IReadOnlyList<string> requiredColumns)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"'{path}' does not exist (training not started, or not a run directory)");
        var reader = Sep.New(',').Reader().FromFile(path);
        var columns = reader.Header.ColNames;
        var missing = requiredColumns.Where(c => !columns.Contains(c)).ToArray();
        if (missing.Length == 0) return reader;
        reader.Dispose();
        if (columns.Contains("descriptor"))
            throw new InvalidDataException($"'{path}' was written by an older HyperRL (the descriptor as text in one column); " +
                                           "this version reads one descriptor.NAME column per parameter: train the run again with this version");
        throw new InvalidDataException($"'{path}' lacks the column(s) {string.Join(", ", missing)}: not a run file of this HyperRL version");
    }

    private static double[] Numbers(SepReader.Row row, int[] columns)
    {
        var values = new double[columns.Length];
        for (int k = 0; k < columns.Length; k++) values[k] = Number(row[columns[k]]);
        return values;
    }

    private static double Number(SepReader.Col col) =>
        col.Span.IsEmpty ? double.NaN : col.TryParse<double>() ?? double.NaN;
}
