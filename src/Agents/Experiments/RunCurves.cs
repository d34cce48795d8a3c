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

    public static RunCurve Read(string run, string metric, CurveAxis x, CurveGrouping groupBy)
    {
        var layout = RunLayout.Existing(run);
        var config = ConfigReader.Load(layout.Config);
        string label = RunLabels.Group(config, run, groupBy);
        var descriptor = EnvRegistry.Get(config.Env).DescriptorSpec;
        double[] xs, ys;
        switch (metric)
        {
            case EvalReturn:
                var evals = RunReader.ReadEval(layout, descriptor).Where(r => r.Set == RunColumns.TrainSet).ToList();
                xs = evals.Select(r => x == CurveAxis.Steps ? r.Step : r.Seconds).ToArray();
                ys = evals.Select(r => r.MeanReturn).ToArray();
                break;
            case EpisodeReturn:
                if (x == CurveAxis.Seconds)
                    throw new ArgumentException("episode_return is recorded per env step; use --x steps (or plot eval_return against seconds)");
                var episodes = RunReader.ReadEpisodes(layout, descriptor);
                xs = episodes.Select(e => (double)e.Step).ToArray();
                ys = episodes.Select(e => e.Return).ToArray();
                break;
            default:
                var metrics = RunReader.ReadMetrics(layout);
                if (!metrics.Has(metric))
                    throw new ArgumentException($"unknown metric '{metric}' for run '{run}'; available: {EvalReturn}, {EpisodeReturn}, {string.Join(", ", metrics.Columns)}");
                xs = metrics.Column(x == CurveAxis.Steps ? RunColumns.Step : RunColumns.Seconds);
                ys = metrics.Column(metric);
                break;
        }
        if (xs.Length == 0) throw new InvalidOperationException($"run '{run}' has no rows for '{metric}' yet");
        return new RunCurve(run, label, xs, ys);
    }
}
