using System.CommandLine;
using System.Globalization;
using HyperRL.Agents.Experiments.Study;
using HyperRL.Cli.Plotting;
using HyperRL.Cli.Study;

namespace HyperRL.Cli.Commands;

/// <summary><c>hyperrl study</c>: a whole generalization study (CARL's protocol, rliable's statistics) in one command.</summary>
public static class StudyCommand
{
    public static Command Create(TextWriter output)
    {
        var spec = new Argument<string>("spec") { Description = "Study spec (JSON): env, algo, steps, seeds, schemes, features, protocol, episodes, ..." };
        var outDir = new Option<string>("--out") { Description = "Study directory (created; a stopped study continues where it was).", Required = true };
        var jobs = new Option<int>("--jobs") { Description = "Training jobs run at once, each in its own process.", DefaultValueFactory = _ => 1 };
        var only = new Option<string?>("--only") { Description = "Run one job (LABEL-sSEED) and stop; what --jobs starts in each process." };
        var command = new Command("study", "Train every (scheme, seed) of a study on the protocol's train distribution, evaluate final and best policies on " +
                                           "interpolation and extrapolation points, and write results.csv, summary.json, report.md and plots.\n\n" +
                                           "Example spec:\n  {\"env\": \"CartPole-v1\", \"algo\": \"ppo\", \"steps\": 100000, \"seeds\": [1, 2, 3],\n" +
                                           "   \"schemes\": [\"hyper\", \"film\", \"concat\", \"mlp\"],\n" +
                                           "   \"features\": {\"pole_length\": \"0.3:0.4:0.7:1.0\", \"force_mag\": \"7:8:13:18\"},\n" +
                                           "   \"protocol\": \"A\", \"episodes\": 20}\n\nExamples:\n" +
                                           "  hyperrl study cartpole.json --out runs/study-cartpole --jobs 2\n" +
                                           "  hyperrl study cartpole.json --out runs/study-cartpole --only hyper-s1")
        {
            spec, outDir, jobs, only,
        };
        command.SetAction(parse =>
        {
            int parallel = parse.GetValue(jobs);
            if (parallel < 1) throw new ArgumentException("--jobs must be at least 1");
            string specPath = Path.GetFullPath(parse.GetValue(spec)!);
            string directory = Path.GetFullPath(parse.GetValue(outDir)!);
            var plan = Studies.Prepare(specPath, directory);
            using var signals = new StopSignals();
            try
            {
                if (parse.GetValue(only) is string name)
                {
                    var outcome = StudyJobRunner.Run(plan, plan.Job(name), progress: null, signals.Token);
                    output.WriteLine($"{name}: {Describe(outcome)}");
                    return outcome == StudyJobOutcome.Stopped ? signals.ExitCode : 0;
                }
                return RunAll(plan, specPath, parallel, output, signals.Token);
            }
            catch (OperationCanceledException) when (signals.Stopped)
            {
                output.WriteLine("stopped: run the same command again to continue the study");
                return signals.ExitCode;
            }
        });
        return command;
    }

    private static int RunAll(StudyPlan plan, string specPath, int parallel, TextWriter output, CancellationToken cancellation)
    {
        var pending = Studies.Pending(plan);
        var splits = plan.Points.GroupBy(p => p.Split).Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"study of {plan.Spec.Env} ({plan.Spec.Algo}, {plan.Jobs[0].Config.TotalSteps:N0} steps, protocol {plan.Spec.Protocol}): " +
                         $"{plan.Jobs.Count} jobs, {pending.Count} to run; points: {string.Join(", ", splits)} -> {plan.Layout.Directory}");
        int done = plan.Jobs.Count - pending.Count;
        if (parallel == 1 || pending.Count <= 1)
        {
            foreach (var job in pending)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var outcome = StudyJobRunner.Run(plan, job, progress: null, cancellation);
                if (outcome == StudyJobOutcome.Stopped) throw new OperationCanceledException();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{++done}/{plan.Jobs.Count}] {job.Name}: {Describe(outcome)} ({watch.Elapsed.TotalSeconds:F1} s)"));
            }
        }
        else
        {
            var failures = JobProcesses.Run(pending.Select(j => j.Name).ToList(), parallel, specPath, plan.Layout.Directory, (job, code, elapsed) =>
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{++done}/{plan.Jobs.Count}] {job}: {(code == 0 ? "done" : $"failed (exit {code})")} ({elapsed.TotalSeconds:F1} s)")), cancellation);
            if (failures.Count > 0)
            {
                throw new InvalidOperationException($"{failures.Count} study jobs failed: " +
                                                    string.Join("; ", failures.Select(f => $"{f.Job}: {f.Error}")) + " (rerun the study to retry them)");
            }
        }
        var analysis = Studies.Finish(plan);
        StudyPlots.Save(plan, analysis);
        PrintTable(plan, analysis, output);
        output.WriteLine($"wrote {plan.Layout.Results}, {plan.Layout.Summary}, {plan.Layout.Report} and plots");
        return 0;
    }

    private static void PrintTable(StudyPlan plan, StudyAnalysis analysis, TextWriter output)
    {
        var schemes = plan.Spec.Schemes.Select(s => s.Label).ToList();
        output.WriteLine($"IQM of final policies [95% CI]{(plan.Normalization is null ? "" : ", normalized")}:");
        output.WriteLine($"{"split",-28}" + string.Concat(schemes.Select(s => $" {s,24}")));
        foreach (var split in plan.AggregatedSplits)
        {
            output.WriteLine($"{split,-28}" + string.Concat(schemes.Select(s =>
            {
                var score = analysis.Score(StudyResultRow.FinalPolicy, split, s);
                return string.Create(CultureInfo.InvariantCulture, $" {$"{score.Iqm:G4} [{score.Ci.Low:G3}, {score.Ci.High:G3}]",24}");
            })));
        }
    }

    private static string Describe(StudyJobOutcome outcome) => outcome switch
    {
        StudyJobOutcome.AlreadyDone => "already done",
        StudyJobOutcome.Evaluated => "evaluated (already trained)",
        StudyJobOutcome.Trained => "trained and evaluated",
        StudyJobOutcome.Resumed => "resumed, trained and evaluated",
        _ => "stopped",
    };
}
