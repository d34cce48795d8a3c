using System.CommandLine;
using System.Globalization;
using HyperRL.Agents.Algorithms;
using HyperRL.Agents.Experiments;
using HyperRL.Agents.Training;
using HyperRL.Cli.Progress;
using HyperRL.HyperPolicy;

namespace HyperRL.Cli.Commands;

/// <summary><c>hyperrl train</c>: trains with the env's preset, overridden by a config file, then by flags.</summary>
public static class TrainCommand
{
    /// <summary>128 + SIGINT, as shells report a command stopped by Ctrl-C.</summary>
    private const int InterruptedExitCode = 130;

    public static Command Create(TextWriter output)
    {
        var env = new Option<string>("--env") { Description = "Env id (see 'hyperrl envs').", DefaultValueFactory = _ => "CartPole-v1" };
        var algo = new Option<string>("--algo") { Description = $"Algorithm: {string.Join(", ", AlgorithmRegistry.Names)}.", DefaultValueFactory = _ => "ppo" };
        algo.AcceptOnlyFromAmong([.. AlgorithmRegistry.Names]);
        var policy = new Option<string?>("--policy") { Description = $"Conditioning scheme: {string.Join(", ", ConditioningNames.All)}." };
        policy.AcceptOnlyFromAmong([.. ConditioningNames.All]);
        var config = new Option<FileInfo?>("--config") { Description = "JSON config (any subset of the keys of config.json); flags override it." };
        var steps = new Option<long?>("--steps") { Description = "Total env steps (summed over envs)." };
        var seed = new Option<int?>("--seed") { Description = "Seed (default 1)." };
        var seeds = new Option<string?>("--seeds") { Description = "Several seeds, e.g. 1,2,3: one run each, one after another." };
        var numEnvs = new Option<int?>("--envs") { Description = "Number of parallel envs." };
        var workers = new Option<int?>("--workers") { Description = "Env worker threads." };
        var device = new Option<string?>("--device") { Description = "cpu or cuda." };
        device.AcceptOnlyFromAmong("cpu", "cuda");
        var name = new Option<string?>("--name") { Description = "Run name (default ENV-ALGO-POLICY-sSEED)." };
        var outDir = new Option<string>("--out") { Description = "Directory runs are written to.", DefaultValueFactory = _ => "runs" };
        var resume = new Option<string?>("--resume") { Description = "Run directory to resume from its last checkpoint." };
        var randomize = new Option<string[]>("--randomize") { Description = "Domain randomization, NAME=LOW:HIGH (repeatable).", AllowMultipleArgumentsPerToken = true };
        var set = new Option<string[]>("--set") { Description = "Fixed descriptor value, NAME=VALUE (repeatable).", AllowMultipleArgumentsPerToken = true };
        var heldOut = new Option<string[]>("--heldout") { Description = "Held-out eval point, NAME=VALUE[,NAME=VALUE] (repeatable).", AllowMultipleArgumentsPerToken = true };
        var quiet = new Option<bool>("--quiet") { Description = "Only print the final summary." };

        var command = new Command("train", "Train an agent and write a run directory.\n\nExamples:\n" +
                                           "  hyperrl train --env CartPole-v1 --algo ppo\n" +
                                           "  hyperrl train --env CartPole-v1 --algo dqn --policy concat --seeds 1,2,3\n" +
                                           "  hyperrl train --env CartPole-v1 --randomize pole_length=0.3:0.8 --heldout pole_length=1.0\n" +
                                           "  hyperrl train --resume runs/CartPole-v1-ppo-hyper-s1 --steps 200000")
        {
            env, algo, policy, config, steps, seed, seeds, numEnvs, workers, device, name, outDir, resume, randomize, set, heldOut, quiet,
        };
        command.SetAction(parse =>
        {
            using var cancellation = new CancellationTokenSource();
            bool quietRun = parse.GetValue(quiet);
            var progress = new RunProgress(() => quietRun ? null : ProgressDisplay.For(output, Console.Error), Console.Error);
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                cancellation.Cancel();
                progress.Notice("stopping: finishing the current update and writing a checkpoint (resume with --resume) ...");
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                if (parse.GetValue(resume) is string resumeDir)
                {
                    var resumed = progress.Run(display => Trainer.Resume(resumeDir, parse.GetValue(steps), display, cancellation.Token));
                    PrintSummary(output, resumed);
                    return resumed.Stopped ? InterruptedExitCode : 0;
                }

                var request = new TrainRequest
                {
                    Env = parse.GetValue(env)!,
                    Algo = parse.GetValue(algo)!,
                    Conditioning = parse.GetValue(policy) is string p ? ConditioningNames.Parse(p) : null,
                    ConfigFile = parse.GetValue(config)?.FullName,
                    Steps = parse.GetValue(steps),
                    Seeds = parse.GetValue(seeds) is string list ? ParseSeeds(list) : parse.GetValue(seed) is int one ? [one] : null,
                    NumEnvs = parse.GetValue(numEnvs),
                    Workers = parse.GetValue(workers),
                    Device = parse.GetValue(device),
                    Name = parse.GetValue(name),
                    Out = parse.GetValue(outDir)!,
                    Randomize = (parse.GetValue(randomize) ?? []).Select(r => Assignment.Range(r, "--randomize"))
                        .ToDictionary(r => r.Key, r => r.Value),
                    Parameters = Assignment.Points(parse.GetValue(set) ?? [], "--set"),
                    HeldOut = (parse.GetValue(heldOut) ?? []).Select(h => (IReadOnlyDictionary<string, double>)Assignment.Point(h, "--heldout")).ToList(),
                };
                // Every run's config is resolved and checked before the first one starts.
                foreach (var run in TrainPlan.Resolve(request))
                {
                    if (cancellation.IsCancellationRequested) break;
                    var c = run.Config;
                    output.WriteLine($"training {c.Algo} on {c.Env} ({RunLabels.Conditioning(c)}), seed {c.Seed}, {c.TotalSteps:N0} steps -> {run.RunDirectory}");
                    PrintSummary(output, progress.Run(display => Trainer.Train(c, run.RunDirectory, display, cancellation.Token)));
                }
                return cancellation.IsCancellationRequested ? InterruptedExitCode : 0;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    private static int[] ParseSeeds(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s =>
            int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
                ? seed
                : throw new ArgumentException($"--seeds: '{s}' is not an integer (expected e.g. 1,2,3)")).ToArray();

    internal static void PrintSummary(TextWriter output, TrainingResult result)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(result.Stopped ? "stopped" : "done")}: {result.Steps:N0} steps in {result.Seconds:F1} s, {result.Episodes} episodes -> {result.RunDirectory}"));
        foreach (var e in result.FinalEvaluation)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  eval {e.Label,-9} {e.DescriptorText}: return {e.MeanReturn:F1} +- {e.StdReturn:F1} over {e.Returns.Length} episodes"));
    }
}
