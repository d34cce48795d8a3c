using System.Globalization;
using HyperRL.Agents.Runs;
using nietras.SeparatedValues;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>Reads and writes study rows as CSV (scheme, seed, split, point, one column per feature, policy, mean, std,
/// episodes, score), always whole files through <see cref="AtomicFile"/>: a killed study leaves a job's file either
/// complete or absent.</summary>
public static class StudyResultsFile
{
    private static readonly string[] Leading = ["scheme", "seed", "split", "point"];
    private static readonly string[] Trailing = ["policy", "mean", "std", "episodes", "score"];

    public static IReadOnlyList<string> Header(IReadOnlyList<string> features) => [.. Leading, .. features, .. Trailing];

    public static void Write(string path, IReadOnlyList<string> features, IEnumerable<StudyResultRow> rows) =>
        AtomicFile.Write(path, stream =>
        {
            using var text = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            using var writer = Sep.New(',').Writer(o => o with { WriteHeader = false }).To(text, leaveOpen: true);
            text.WriteLine(string.Join(",", Header(features)));
            text.Flush();
            foreach (var r in rows)
            {
                using var row = writer.NewRow();
                row[0].Set(r.Scheme);
                row[1].Format(r.Seed);
                row[2].Set(r.Split);
                row[3].Format(r.Point);
                for (int f = 0; f < features.Count; f++) row[4 + f].Set(Number(r.Values[features[f]]));
                int t = 4 + features.Count;
                row[t].Set(r.Policy);
                row[t + 1].Set(Number(r.Mean));
                row[t + 2].Set(Number(r.Std));
                row[t + 3].Format(r.Episodes);
                row[t + 4].Set(Number(r.Score));
            }
        });

    public static IReadOnlyList<StudyResultRow> Read(string path, IReadOnlyList<string> features)
    {
        using var reader = Sep.New(',').Reader().FromFile(path);
        var expected = Header(features);
        if (!reader.Header.ColNames.SequenceEqual(expected))
            throw new InvalidDataException($"'{path}' has the columns '{string.Join(",", reader.Header.ColNames)}', this study writes '{string.Join(",", expected)}'");
        var rows = new List<StudyResultRow>();
        foreach (var row in reader)
        {
            var values = new Dictionary<string, double>();
            for (int f = 0; f < features.Count; f++) values[features[f]] = Parse(row[4 + f].ToString());
            int t = 4 + features.Count;
            rows.Add(new StudyResultRow(row[0].ToString(), row[1].Parse<int>(), row[2].ToString(), row[3].Parse<int>(), values, row[t].ToString(),
                Parse(row[t + 1].ToString()), Parse(row[t + 2].ToString()), row[t + 3].Parse<int>(), Parse(row[t + 4].ToString())));
        }
        return rows;
    }

    // "R" round-trips a double exactly: the statistics read back what was measured.
    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
