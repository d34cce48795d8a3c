using System.Globalization;
using HyperRL.Agents.Config;
using HyperRL.Agents.Training;

namespace HyperRL.Cli.Plotting;

/// <summary>
/// Reads learning curves out of run directories: <c>eval_return</c> from eval.csv (training descriptors),
/// <c>episode_return</c> from episodes.csv (training episodes, smoothed), or any column of metrics.csv.
/// </summary>
public static class RunCurveReader
{
    public static IReadOnlyList<string> FindRuns(IEnumerable<string> paths)
    {
        var runs = new List<string>();
        foreach (string path in paths)
        {
            if (File.Exists(Path.Combine(path, "config.json"))) runs.Add(path);
            else if (Directory.Exists(path))
            {
                var children = Directory.GetDirectories(path).Where(d => File.Exists(Path.Combine(d, "config.json"))).Order(StringComparer.Ordinal).ToList();
                if (children.Count == 0) throw new InvalidOperationException($"'{path}' is neither a run directory nor a folder of runs");
                runs.AddRange(children);
            }
            else throw new DirectoryNotFoundException($"run directory '{path}' does not exist");
        }
        return runs;
    }

    public static RunCurve Read(string run, string metric, string x, string groupBy)
    {
        var layout = RunLayout.Existing(run);
        var config = ConfigReader.FromJObject(ConfigReader.ParseObject(File.ReadAllText(layout.Config), layout.Config), layout.Config);
        string label = groupBy switch
        {
            "policy" => config.Policy["conditioning"]?.ToString() ?? "?",
            "algo" => config.Algo,
            "env" => config.Env,
            "run" => Path.GetFileName(Path.GetFullPath(run)),
            _ => throw new ArgumentException($"unknown --group-by '{groupBy}'; allowed: policy, algo, env, run"),
        };
        string xColumn = x switch
        {
            "steps" => "step",
            "seconds" => "seconds",
            _ => throw new ArgumentException($"unknown --x '{x}'; allowed: steps, seconds"),
        };

        (string file, string yColumn, Func<Dictionary<string, string>, bool> keep) = metric switch
        {
            "eval_return" => (layout.Eval, "mean_return", row => row["set"] == "train"),
            "episode_return" => (layout.Episodes, "return", _ => true),
            _ => (layout.Metrics, metric, (Func<Dictionary<string, string>, bool>)(_ => true)),
        };
        if (metric == "episode_return" && x == "seconds")
            throw new ArgumentException("episode_return is recorded per env step; use --x steps (or plot eval_return against seconds)");
        var rows = ReadCsv(file).Where(keep).ToList();
        if (rows.Count == 0) throw new InvalidOperationException($"{file} has no rows for '{metric}'");
        if (!rows[0].ContainsKey(yColumn))
            throw new ArgumentException($"unknown --metric '{metric}' for run '{run}'; available: eval_return, episode_return, {string.Join(", ", rows[0].Keys)}");
        var xs = rows.Select(r => Parse(r[xColumn])).ToArray();
        var ys = rows.Select(r => Parse(r[yColumn])).ToArray();
        return new RunCurve(run, label, xs, ys);
    }

    private static IEnumerable<Dictionary<string, string>> ReadCsv(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"'{path}' does not exist (was the run started with this version?)");
        using var reader = new StreamReader(path);
        string? headerLine = reader.ReadLine();
        if (headerLine == null) yield break;
        string[] header = headerLine.Split(',');
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0) continue;
            var fields = SplitCsv(line);
            if (fields.Count != header.Length) continue;
            var row = new Dictionary<string, string>(header.Length);
            for (int i = 0; i < header.Length; i++) row[header[i]] = fields[i];
            yield return row;
        }
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }

    private static double Parse(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
}
