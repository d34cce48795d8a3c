namespace HyperRL.Agents.Runs.TensorBoard;

/// <summary>
/// A run's TensorBoard event files (<c>RUN/tb/</c>, <c>tensorboard --logdir runs</c>): the rows <see cref="RunLog"/>
/// writes to the CSV files, as series named by <see cref="TensorBoardTags"/> with the env step as x, and the config as
/// text. Each training session writes a new file; TensorBoard shows the files of a directory as one run.
/// <para>Not TorchSharp's <c>torch.utils.tensorboard.SummaryWriter</c> (0.107): its steps are <c>int</c> (env steps here
/// are <c>long</c>), its file-version record carries <c>DateTime.Now.Ticks</c> as wall time and its scalars whole
/// seconds, its file names are local-time ticks (a clock set back would sort a resumed session's file first, and
/// TensorBoard would then let the old points replace the new), and it can neither read a file nor write an arbitrary
/// record, which trimming for a resume needs. The framing and the few messages are small enough to own.</para>
/// </summary>
public sealed class TensorBoardLog : IDisposable
{
    private const string RewriteTag = ".trim-";
    private readonly EventFileWriter _file;

    private TensorBoardLog(EventFileWriter file) => _file = file;

    /// <summary>The file this session writes.</summary>
    public string FilePath => _file.Path;

    /// <summary>Opens a new event file in <paramref name="directory"/> and writes <paramref name="configJson"/> at step 0.</summary>
    public static TensorBoardLog Open(string directory, string configJson)
    {
        var file = EventFileWriter.Create(directory, Now());
        try
        {
            // A JSON code block: the text plugin renders Markdown, which would reflow the JSON's lines.
            file.Write(EventProto.TextEvent(Now(), 0, TensorBoardTags.Config, ConfigMarkdown(configJson)));
        }
        catch
        {
            file.Dispose();
            throw;
        }
        return new TensorBoardLog(file);
    }

    private static string ConfigMarkdown(string configJson) => $"```json\n{configJson.TrimEnd()}\n```";

    public void Write(MetricsRow row)
    {
        var values = new List<(string, double)>
        {
            (TensorBoardTags.Metric(RunColumns.Update), row.Update),
            (TensorBoardTags.Metric(RunColumns.Seconds), row.Seconds),
            (TensorBoardTags.Metric(RunColumns.Episodes), row.Episodes),
            (TensorBoardTags.Metric(RunColumns.RecentReturn), row.RecentReturn),
        };
        foreach (var (name, value) in row.Values) values.Add((TensorBoardTags.Metric(name), value));
        values.Add((TensorBoardTags.Metric(RunColumns.ResidentMegabytes), row.ResidentMegabytes));
        Scalars(row.Step, values);
    }

    public void Write(EpisodeRow row) =>
        Scalars(row.Step, [(TensorBoardTags.EpisodeReturn, row.Return), (TensorBoardTags.EpisodeLength, row.Length)]);

    public void Write(EvalRow row) =>
        Scalars(row.Step, [
            (TensorBoardTags.Eval(row.Set, RunColumns.MeanReturn), row.MeanReturn),
            (TensorBoardTags.Eval(row.Set, RunColumns.StdReturn), row.StdReturn),
            (TensorBoardTags.Eval(row.Set, RunColumns.MeanLength), row.MeanLength),
            (TensorBoardTags.Eval(row.Set, RunColumns.Terminated), row.Terminated),
        ]);

    /// <summary>
    /// What <see cref="RunLog.TruncateAfterStep"/> does to the CSV files, for the event files of <paramref name="directory"/>:
    /// drops the points after <paramref name="maxStep"/> and the config text of earlier sessions (the resumed session
    /// writes its own), so no series has two points at one step across the files. The files are rewritten (atomically,
    /// only those that change) rather than left for a reader to reconcile: TensorBoard's data server discards points
    /// it sees again at a step but keeps the older ones between a checkpoint and the resumed run's first point of a
    /// series, its Python loader purges only on a SessionLog START record and other readers (tbparse, pandas scripts)
    /// do neither. A record cut short by a killed writer goes too, and a file left with no points is deleted.
    /// </summary>
    public static void TruncateAfterStep(string directory, long maxStep)
    {
        if (!Directory.Exists(directory)) return;
        foreach (string leftover in Directory.GetFiles(directory, RewriteTag + "*")) File.Delete(leftover);
        foreach (string file in Directory.GetFiles(directory).Where(EventFileWriter.IsEventFile).Order(StringComparer.Ordinal))
        {
            byte[] bytes = File.ReadAllBytes(file);
            var records = TfRecord.ReadValid(bytes);
            var kept = records.Where(record => Keep(record, maxStep, file)).ToList();
            if (kept.Count == records.Count && records.Sum(r => (long)r.Length + 16) == bytes.Length) continue;
            // A session whose every point came after the checkpoint leaves only its file-version record: nothing to keep.
            if (kept.All(record => EventProto.Peek(record).Tags.Count == 0)) File.Delete(file);
            else Rewrite(file, kept);
        }
    }

    private static bool Keep(byte[] record, long maxStep, string file)
    {
        try
        {
            var (step, tags) = EventProto.Peek(record);
            return step <= maxStep && !tags.Contains(TensorBoardTags.Config);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"TensorBoard event file '{file}' holds a record that is not an event ({e.Message})");
        }
    }

    /// <summary>Through a temporary whose name lacks "tfevents", so neither TensorBoard nor a later trim reads it as an event file.</summary>
    private static void Rewrite(string file, List<byte[]> records)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(file)!, $"{RewriteTag}{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                foreach (var record in records) TfRecord.Write(stream, record);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, file, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>NaN cells (no training step or no finished episode in the interval) are left out: TensorBoard would draw
    /// them as points.</summary>
    private void Scalars(long step, IReadOnlyList<(string Tag, double Value)> values)
    {
        var written = values.Where(v => !double.IsNaN(v.Value)).Select(v => (v.Tag, (float)v.Value)).ToList();
        if (written.Count > 0) _file.Write(EventProto.ScalarsEvent(Now(), step, written));
    }

    private static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    public void Dispose() => _file.Dispose();
}
