using System.CommandLine;
using System.Globalization;
using HyperRL.Agents.Experiments;
using HyperRL.Envs.Registry;

namespace HyperRL.Cli.Commands;

/// <summary><c>hyperrl summary</c>: what runs reached, read through the run schema (benchmark scripts use it).</summary>
public static class SummaryCommand
{
    public static Command Create(TextWriter output)
    {
        var runs = new Argument<string[]>("runs") { Description = "Run directories, or folders holding runs.", Arity = ArgumentArity.OneOrMore };
        var threshold = new Option<double?>("--threshold") { Description = "Report the first evaluation on the training descriptors at or above this return." };
        var bySet = new Option<bool>("--by-set") { Description = "Instead: the final evaluation of each descriptor set, mean +- std across the runs of each group." };
        var metric = new Option<string?>("--metric") { Description = "Instead: one metrics.csv column of each run, step by step (e.g. rss_mb)." };
        var every = new Option<int>("--every") { Description = "With --metric: every N-th row.", DefaultValueFactory = _ => 1 };
        var groupBy = new Option<string>("--group-by") { Description = "With --by-set: policy (conditioning scheme), algo, env or run.", DefaultValueFactory = _ => "policy" };
        groupBy.AcceptOnlyFromAmong("policy", "algo", "env", "run");
        var command = new Command("summary", "Summarize runs from their evaluations.\n\nExamples:\n" +
                                             "  hyperrl summary runs/bench/ppo-cartpole-s1 runs/bench/ppo-cartpole-s2 --threshold 475\n" +
                                             "  hyperrl summary runs/transfer --by-set\n" +
                                             "  hyperrl summary runs/bench/speed-ppo-hyper-1m --metric rss_mb --every 500")
        {
            runs, threshold, bySet, metric, every, groupBy,
        };
        command.SetAction(parse =>
        {
            var runDirectories = RunCurves.FindRuns(parse.GetValue(runs)!);
            if (parse.GetValue(metric) is string column)
            {
                int stride = parse.GetValue(every);
                if (stride < 1) throw new ArgumentException("--every must be at least 1");
                foreach (string run in runDirectories)
                {
                    var curve = RunCurves.Read(run, column, CurveAxis.Steps, CurveGrouping.Run);
                    for (int k = 0; k < curve.X.Length; k += stride)
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{curve.Label} {column} at step {curve.X[k]}: {curve.Y[k]:G6}"));
                }
                return 0;
            }
            double? target = parse.GetValue(threshold);
            var summaries = runDirectories.Select(r => RunSummary.Of(r, target)).ToList();
            if (parse.GetValue(bySet))
            {
                foreach (var set in SetSummary.Of(summaries, PlotCommand.Grouping(parse.GetValue(groupBy)!)))
                {
                    var spec = EnvRegistry.Get(summaries[0].Config.Env).DescriptorSpec;
                    string descriptor = set.Descriptor is null ? "randomized" : spec.Format(set.Descriptor.ToArray());
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{set.Group,-8} {set.Set,-10} {descriptor,-60} {set.Mean,8:F1} +- {set.Std,6:F1} terminated {set.Terminated,4:P0} ({set.Runs} runs)"));
                }
                return 0;
            }
            foreach (var s in summaries)
            {
                string reached = target is double t ? $"first eval >= {t} at step {(s.FirstStepReaching is long step ? step.ToString(CultureInfo.InvariantCulture) : "never")}; " : "";
                string finals = string.Join(", ", s.FinalEvaluation.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Set} {e.MeanReturn:F1}")));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(Path.GetFullPath(s.Run)),-40} {reached}best {s.BestTrainReturn:F1}; last eval at step {s.LastStep}: {finals}"));
            }
            return 0;
        });
        return command;
    }
}
