using System.CommandLine;
using System.Globalization;
using HyperRL.Agents.Experiments;
using HyperRL.Cli.Plotting;

namespace HyperRL.Cli.Commands;

/// <summary><c>hyperrl plot</c>: learning curves of one or many runs, grouped by label, mean and band across seeds.</summary>
public static class PlotCommand
{
    /// <param name="error">Where the warnings about runs left out go.</param>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var runs = new Argument<string[]>("runs") { Description = "Run directories, or folders holding runs.", Arity = ArgumentArity.OneOrMore };
        var outFile = new Option<string>("--out") { Description = "PNG file to write.", DefaultValueFactory = _ => "curves.png" };
        var metric = new Option<string>("--metric") { Description = "eval_return, episode_return, or any metrics.csv column (e.g. entropy, approx_kl).", DefaultValueFactory = _ => RunCurves.EvalReturn };
        var x = new Option<string>("--x") { Description = "steps or seconds.", DefaultValueFactory = _ => "steps" };
        x.AcceptOnlyFromAmong("steps", "seconds");
        var smooth = new Option<int>("--smooth") { Description = "Moving-average window in points (1 = none).", DefaultValueFactory = _ => 1 };
        var groupBy = new Option<string>("--group-by") { Description = "policy (conditioning scheme), algo, env or run.", DefaultValueFactory = _ => "policy" };
        groupBy.AcceptOnlyFromAmong("policy", "algo", "env", "run");
        var band = new Option<string>("--band") { Description = "minmax or std across the runs of a group.", DefaultValueFactory = _ => "minmax" };
        band.AcceptOnlyFromAmong("minmax", "std");
        var size = new Option<string>("--size") { Description = "WIDTHxHEIGHT in pixels.", DefaultValueFactory = _ => "900x550" };
        var title = new Option<string?>("--title") { Description = "Chart title." };
        var command = new Command("plot", "Plot learning curves to PNG: one line per group (mean across seeds) with a shaded band where all its runs have data,\n" +
                                          "dashed where only some do. Runs without rows for the metric yet are skipped with a warning.\n\nExamples:\n" +
                                          "  hyperrl plot runs/CartPole-v1-ppo-hyper-s1 --out curve.png\n" +
                                          "  hyperrl plot runs/transfer --metric episode_return --smooth 20 --band std --out compare.png")
        {
            runs, outFile, metric, x, smooth, groupBy, band, size, title,
        };
        command.SetAction(parse =>
        {
            int window = parse.GetValue(smooth);
            if (window < 1) throw new ArgumentException("--smooth must be at least 1");
            var imageSize = ImageSize.Parse(parse.GetValue(size)!);
            string metricName = parse.GetValue(metric)!;
            var axis = parse.GetValue(x) == "seconds" ? CurveAxis.Seconds : CurveAxis.Steps;
            var grouping = Grouping(parse.GetValue(groupBy)!);
            var read = RunCurves.ReadAll(RunCurves.FindRuns(parse.GetValue(runs)!), metricName, axis, grouping);
            foreach (var skipped in read.Skipped)
                error.WriteLine($"warning: skipping run '{skipped.RunDirectory}': it {skipped.Reason}");
            var groups = read.Curves.GroupBy(c => c.Label).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => CurveAggregation.Aggregate(g.Key, g.ToList(), window)).ToList();
            string path = parse.GetValue(outFile)!;
            LearningCurvePlot.Save(groups, path, metricName, axis, parse.GetValue(band) == "std" ? CurveBand.Std : CurveBand.MinMax, imageSize,
                parse.GetValue(title));
            foreach (var g in groups)
            {
                output.WriteLine(g.Full is { } full
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"{g.Label}: {g.Runs} run(s), final {metricName} {full.Mean[^1]:F1} (min {full.Min[^1]:F1}, max {full.Max[^1]:F1}) at {At(axis, full.X[^1])}")
                    : $"{g.Label}: {g.Runs} run(s), no {LearningCurvePlot.AxisName(axis)} where all have {metricName}");
                foreach (var part in g.Partial)
                    output.WriteLine($"{g.Label}: partial from {At(axis, part.X[0])} to {At(axis, part.X[^1])}: only {part.Runs} of {g.Runs} runs have data there (dashed, no band)");
            }
            output.WriteLine($"wrote {path} ({imageSize})");
            return 0;
        });
        return command;
    }

    private static string At(CurveAxis axis, double x) => axis == CurveAxis.Steps
        ? string.Create(CultureInfo.InvariantCulture, $"step {x:F0}")
        : string.Create(CultureInfo.InvariantCulture, $"{x:0.###} s");

    internal static CurveGrouping Grouping(string name) => name switch
    {
        "algo" => CurveGrouping.Algo,
        "env" => CurveGrouping.Env,
        "run" => CurveGrouping.Run,
        _ => CurveGrouping.Policy,
    };
}
