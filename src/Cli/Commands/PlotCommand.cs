using System.CommandLine;
using HyperRL.Cli.Plotting;

namespace HyperRL.Cli.Commands;

/// <summary><c>hyperrl plot</c>: learning curves of one or many runs, grouped by label, mean and band across seeds.</summary>
public static class PlotCommand
{
    public static Command Create(TextWriter output)
    {
        var runs = new Argument<string[]>("runs") { Description = "Run directories, or folders holding runs.", Arity = ArgumentArity.OneOrMore };
        var outFile = new Option<string>("--out") { Description = "PNG file to write.", DefaultValueFactory = _ => "curves.png" };
        var metric = new Option<string>("--metric") { Description = "eval_return, episode_return, or any metrics.csv column (e.g. entropy, approx_kl).", DefaultValueFactory = _ => "eval_return" };
        var x = new Option<string>("--x") { Description = "steps or seconds.", DefaultValueFactory = _ => "steps" };
        var smooth = new Option<int>("--smooth") { Description = "Moving-average window in points (1 = none).", DefaultValueFactory = _ => 1 };
        var groupBy = new Option<string>("--group-by") { Description = "policy (conditioning scheme), algo, env or run.", DefaultValueFactory = _ => "policy" };
        var band = new Option<string>("--band") { Description = "minmax or std across the runs of a group.", DefaultValueFactory = _ => "minmax" };
        var size = new Option<string>("--size") { Description = "WIDTHxHEIGHT in pixels.", DefaultValueFactory = _ => "900x550" };
        var title = new Option<string?>("--title") { Description = "Chart title." };
        var command = new Command("plot", "Plot learning curves to PNG: one line per group (mean across seeds) with a shaded band.\n\nExamples:\n" +
                                          "  hyperrl plot runs/CartPole-v1-ppo-hyper-s1 --out curve.png\n" +
                                          "  hyperrl plot runs/transfer --metric episode_return --smooth 20 --band std --out compare.png")
        {
            runs, outFile, metric, x, smooth, groupBy, band, size, title,
        };
        command.SetAction(parse =>
        {
            string bandValue = parse.GetValue(band)!;
            if (bandValue is not ("minmax" or "std")) throw new ArgumentException($"unknown --band '{bandValue}'; allowed: minmax, std");
            int window = parse.GetValue(smooth);
            if (window < 1) throw new ArgumentException("--smooth must be at least 1");
            var (width, height) = PixelSize.Parse(parse.GetValue(size)!);
            string metricValue = parse.GetValue(metric)!;
            string xValue = parse.GetValue(x)!;
            var runDirs = RunCurveReader.FindRuns(parse.GetValue(runs)!);
            var curves = runDirs.Select(r => RunCurveReader.Read(r, metricValue, xValue, parse.GetValue(groupBy)!)).ToList();
            var groups = curves.GroupBy(c => c.Label).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => CurveAggregation.Aggregate(g.Key, g.ToList(), window)).ToList();
            string path = parse.GetValue(outFile)!;
            LearningCurvePlot.Save(groups, path, metricValue, xValue, bandValue, width, height, parse.GetValue(title));
            foreach (var g in groups)
                output.WriteLine($"{g.Label}: {g.Runs} run(s), final {metricValue} {g.Mean[^1]:F1} (min {g.Min[^1]:F1}, max {g.Max[^1]:F1})");
            output.WriteLine($"wrote {path} ({width}x{height})");
            return 0;
        });
        return command;
    }
}
