using HyperRL.Agents.Runs.TensorBoard;
using HyperRL.Envs.Descriptors;
using nietras.SeparatedValues;

namespace HyperRL.Agents.Runs;

/// <summary>
/// Writes a run's metrics.csv, episodes.csv and eval.csv (schema in <see cref="RunColumns"/>), appending to the files of
/// a resumed run, and the same rows to the run's TensorBoard event files when it has them. <see cref="RunReader"/>
/// reads the CSV files back.
/// </summary>
public sealed class RunLog : IDisposable
{
    private readonly RunLayout _layout;
    private readonly int _descriptorSize;
    private readonly CsvAppender _episodes;
    private readonly CsvAppender _eval;
    private readonly TensorBoardLog? _tensorBoard;
    private CsvAppender? _metrics; // its columns are known at the first row: they depend on the algorithm

    /// <param name="tensorBoard">Receives every row too, and is disposed with this log; null: CSV files only.</param>
    public RunLog(RunLayout layout, DescriptorSpec descriptor, TensorBoardLog? tensorBoard = null)
    {
        _layout = layout;
        _descriptorSize = descriptor.Length;
        _tensorBoard = tensorBoard;
        try
        {
            _episodes = new CsvAppender(layout.Episodes, RunColumns.EpisodesHeader(descriptor.Names));
            _eval = new CsvAppender(layout.Eval, RunColumns.EvalHeader(descriptor.Names));
        }
        catch
        {
            _episodes?.Dispose();
            tensorBoard?.Dispose();
            throw;
        }
    }

    public void Write(MetricsRow metrics)
    {
        _metrics ??= new CsvAppender(_layout.Metrics,
            [.. RunColumns.MetricsLeading, .. metrics.Values.Select(v => v.Key), RunColumns.ResidentMegabytes]);
        if (_metrics.Header.Count != RunColumns.MetricsLeading.Count + metrics.Values.Count + 1)
            throw new ArgumentException($"metrics row has {metrics.Values.Count} values, {_layout.Metrics} has {_metrics.Header.Count} columns");
        using (var row = _metrics.NewRow())
        {
            row[0].Format(metrics.Step);
            row[1].Format(metrics.Update);
            row[2].Format(metrics.Seconds);
            row[3].Format(metrics.Episodes);
            row[4].Format(metrics.RecentReturn);
            for (int k = 0; k < metrics.Values.Count; k++) row[5 + k].Format(metrics.Values[k].Value);
            row[5 + metrics.Values.Count].Format(metrics.ResidentMegabytes);
        }
        _metrics.Flush();
        _tensorBoard?.Write(metrics);
    }

    public void Write(EpisodeRow episode)
    {
        CheckDescriptor(episode.Descriptor);
        using (var row = _episodes.NewRow())
        {
            row[0].Format(episode.Step);
            row[1].Format(episode.Env);
            row[2].Format(episode.Return);
            row[3].Format(episode.Length);
            row[4].Set(episode.Truncated ? "true" : "false");
            for (int k = 0; k < _descriptorSize; k++) row[5 + k].Format(episode.Descriptor[k]);
        }
        _episodes.Flush();
        _tensorBoard?.Write(episode);
    }

    public void Write(EvalRow eval)
    {
        if (eval.Descriptor != null) CheckDescriptor(eval.Descriptor);
        using (var row = _eval.NewRow())
        {
            row[0].Format(eval.Step);
            row[1].Format(eval.Seconds);
            row[2].Set(eval.Set);
            row[3].Format(eval.MeanReturn);
            row[4].Format(eval.StdReturn);
            row[5].Format(eval.MeanLength);
            row[6].Format(eval.Episodes);
            row[7].Format(eval.Terminated);
            // A randomized set has no single descriptor: its cells stay empty.
            for (int k = 0; k < _descriptorSize; k++)
                if (eval.Descriptor != null) row[8 + k].Format(eval.Descriptor[k]);
                else row[8 + k].Set("");
        }
        _eval.Flush();
        _tensorBoard?.Write(eval);
    }

    /// <summary>Drops the rows logged after <paramref name="maxStep"/>: a resumed run continues from its checkpoint's step.
    /// The event files in tb/ lose the same points (see <see cref="TensorBoardLog.TruncateAfterStep"/>).</summary>
    public static void TruncateAfterStep(RunLayout layout, long maxStep)
    {
        TensorBoardLog.TruncateAfterStep(layout.TensorBoard, maxStep);
        foreach (string path in new[] { layout.Metrics, layout.Episodes, layout.Eval })
        {
            if (!File.Exists(path) || new FileInfo(path).Length == 0) continue;
            var kept = new List<string> { File.ReadLines(path).First() };
            using (var reader = Sep.New(',').Reader().FromFile(path))
            {
                foreach (var row in reader)
                    if (row[RunColumns.Step].Parse<long>() <= maxStep) kept.Add(row.Span.ToString());
            }
            AtomicFile.WriteAllText(path, string.Join("\n", kept) + "\n");
        }
    }

    private void CheckDescriptor(IReadOnlyList<double> descriptor)
    {
        if (descriptor.Count != _descriptorSize)
            throw new ArgumentException($"descriptor has {descriptor.Count} values, the run's env family has {_descriptorSize}");
    }

    public void Dispose()
    {
        _metrics?.Dispose();
        _episodes.Dispose();
        _eval.Dispose();
        _tensorBoard?.Dispose();
    }
}
