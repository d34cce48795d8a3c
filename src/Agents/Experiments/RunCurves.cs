using HyperRL.Agents.Config;
using HyperRL.Agents.Runs;
using HyperRL.Envs.Registry;

namespace HyperRL.Agents.Experiments;

/// <summary>One run's curve: x (steps or seconds) and y values, with the label that groups runs (e.g. the conditioning scheme).</summary>
public sealed record RunCurve(string RunDirectory, string Label, double[] X, double[] Y);

/// <summary>What groups runs into one curve.</summary>
public enum CurveGrouping { Policy, Algo, Env, Run }

/// <summary>The x axis of a learning curve.</summary>
public enum CurveAxis { Steps, Seconds }

/// <summary>
/// Learning curves out of run directories: <c>eval_return</c> (evaluations on the training descriptors),
/// <c>episode_return</c> (training episodes), or any column of metrics.csv.
/// </summary>
public static class RunCurves
{
    public const string EvalReturn = "eval_return";
    public const string EpisodeReturn = "episode_return";

    /// <summary>Run directories among <paramref name="paths"/>: each a run, or a folder whose subfolders are runs.</summary>
    public static IReadOnlyList<string> FindRuns(IEnumerable<string> paths)
    {
        var runs = new List<string>();
        foreach (string path in paths)
        {
            if (File.Exists(new RunLayout(path).Config)) runs.Add(path);
            else if (Directory.Exists(path))
            {
                var children = Directory.GetDirectories(path).Where(d => File.Exists(new RunLayout(d).Config)).Order(StringComparer.Ordinal).ToList();
                if (children.Count == 0) throw new InvalidOperationException($"'{path}' is neither a run directory nor a folder of runs");
                runs.AddRange(children);
            }
            else throw new DirectoryNotFoundException($"run directory '{path}' does not exist");
        }
        return runs;
    }

    /// <summary>
    /// The curves of <paramref name="runs"/>; a run with no rows for <paramref name="metric"/> yet (still starting, or
    /// no evaluation finished) is left out and listed in <see cref="CurveSet.Skipped"/>, so a folder with a running
    /// seed still plots. Errors when no run is left.
    /// </summary>
    public static CurveSet ReadAll(IReadOnlyList<string> runs, string metric, CurveAxis x, CurveGrouping groupBy)
    {
        var curves = new List<RunCurve>();
        var skipped = new List<SkippedRun>();
        foreach (string run in runs)
        {
            var curve = ReadRows(run, metric, x, groupBy);
            if (curve.X.Length > 0) curves.Add(curve);
            else skipped.Add(new SkippedRun(run, $"has no {Rows(metric)} yet"));
        }
        if (curves.Count == 0)
            throw new InvalidOperationException(runs.Count == 1
                ? $"run '{runs[0]}' has no {Rows(metric)} yet"
                : $"nothing to plot: all {runs.Count} runs have no {Rows(metric)} yet");
        return new CurveSet(curves, skipped);
    }

    public static RunCurve Read(string run, string metric, CurveAxis x, CurveGrouping groupBy)
    {
        var curve = ReadRows(run, metric, x, groupBy);
        if (curve.X.Length == 0) throw new InvalidOperationException($"run '{run}' has no {Rows(metric)} yet");
        return curve;
    }

    private static string Rows(string metric) => metric switch
    {
        EvalReturn => "evaluation",
        EpisodeReturn => "finished training episode",
        _ => $"rows for '{metric}'",
    };

    /// <summary>The run's curve, empty when it has no rows yet: a file not written yet counts as empty.</summary>
    private static RunCurve ReadRows(string run, string metric, CurveAxis x, CurveGrouping groupBy)
    {
        var layout = RunLayout.Existing(run);
        var config = ConfigReader.Load(layout.Config);
        string label = RunLabels.Group(config, run, groupBy);
        var descriptor = EnvRegistry.Get(config.Env).DescriptorSpec;
        double[] xs, ys;
        switch (metric)
        {
            case EvalReturn:
                if (!File.Exists(layout.Eval)) return new RunCurve(run, label, [], []);
                var evals = RunReader.ReadEval(layout, descriptor).Where(r => r.Set == RunColumns.TrainSet).ToList();
                xs = evals.Select(r => x == CurveAxis.Steps ? r.Step : r.Seconds).ToArray();
                ys = evals.Select(r => r.MeanReturn).ToArray();
                break;
            case EpisodeReturn:
                if (x == CurveAxis.Seconds)
                    throw new ArgumentException("episode_return is recorded per env step; use --x steps (or plot eval_return against seconds)");
                if (!File.Exists(layout.Episodes)) return new RunCurve(run, label, [], []);
                var episodes = RunReader.ReadEpisodes(layout, descriptor);
                xs = episodes.Select(e => (double)e.Step).ToArray();
                ys = episodes.Select(e => e.Return).ToArray();
                break;
            default:
                // metrics.csv is written at the first update: before it, whether the metric exists is not known yet.
                if (!File.Exists(layout.Metrics)) return new RunCurve(run, label, [], []);
                var metrics = RunReader.ReadMetrics(layout);
                if (!metrics.Has(metric))
                    throw new ArgumentException($"unknown metric '{metric}' for run '{run}'; available: {EvalReturn}, {EpisodeReturn}, {string.Join(", ", metrics.Columns)}");
                xs = metrics.Column(x == CurveAxis.Steps ? RunColumns.Step : RunColumns.Seconds);
                ys = metrics.Column(metric);
                break;
        }
        return new RunCurve(run, label, xs, ys);
    }
}
