using System.CommandLine;
using System.Globalization;
using HyperRL.Agents.Algorithms;
using HyperRL.Agents.Config;
using HyperRL.Agents.Experiments;
using HyperRL.Agents.Training;
using HyperRL.Cli.Progress;
using HyperRL.HyperPolicy;

namespace HyperRL.Cli.Commands;

/// <summary><c>hyperrl train</c>: trains with the env's preset, overridden by a config file, then by flags.</summary>
public static class TrainCommand
{
    public static Command Create(TextWriter output)
    {
        var env = new Option<string>("--env") { Description = "Env id (see 'hyperrl envs').", DefaultValueFactory = _ => "CartPole-v1" };
        var algo = new Option<string>("--algo") { Description = $"Algorithm: {string.Join(", ", AlgorithmRegistry.Names)}.", DefaultValueFactory = _ => "ppo" };
        algo.AcceptOnlyFromAmong([.. AlgorithmRegistry.Names]);
        var preset = new Option<string?>("--preset")
        {
            Description = "Named preset of --algo (" + string.Join("; ", AlgorithmRegistry.Names.Select(n => $"{n}: {string.Join(", ", AlgorithmRegistry.Get(n).PresetNames)}")) +
                          "); default: the config file's, else 'default'.",
        };
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
        var backend = new Option<string?>("--backend")
        {
            Description = "Gradient steps: auto (the fused C# path where it covers the algorithm, policy and device; TorchSharp otherwise), torch, or fused (an error where it does not cover the config).",
        };
        backend.AcceptOnlyFromAmong(HyperRL.Agents.Training.TrainingBackends.Names);
        var remoteWorkers = new Option<int?>("--remote-workers")
        {
            Description = "Collect rollouts with N remote worker processes ('hyperrl worker') of --cluster; waits for them (ppo synchronously, dqn and sac as asynchronous actors; config key remoteWorkers).",
        };
        var cluster = new Option<string?>("--cluster") { Description = "Where the remote workers are: localhost (default) or a cluster file (config key cluster)." };
        var name = new Option<string?>("--name") { Description = "Run name (default ENV-ALGO-POLICY-sSEED)." };
        var outDir = new Option<string>("--out") { Description = "Directory runs are written to.", DefaultValueFactory = _ => "runs" };
        var resume = new Option<string?>("--resume") { Description = "Run directory to resume from its last checkpoint." };
        var randomize = new Option<string[]>("--randomize") { Description = "Domain randomization, NAME=LOW:HIGH (repeatable).", AllowMultipleArgumentsPerToken = true };
        var set = new Option<string[]>("--set") { Description = "Fixed descriptor value, NAME=VALUE (repeatable).", AllowMultipleArgumentsPerToken = true };
        var heldOut = new Option<string[]>("--heldout") { Description = "Held-out eval point, NAME=VALUE[,NAME=VALUE] (repeatable).", AllowMultipleArgumentsPerToken = true };
        var quiet = new Option<bool>("--quiet") { Description = "Only print the final summary." };
        var evalEvery = new Option<long?>("--eval-every") { Description = "Env steps between evaluations (0: only the final one; default: the preset's)." };
        var checkpointEvery = new Option<long?>("--checkpoint-every") { Description = "Env steps between checkpoints (0: only the final one; default: the preset's)." };
        var noTensorboard = new Option<bool>("--no-tensorboard") { Description = "Write no TensorBoard event files (RUN/tb/; config key tensorboard, default true)." };
        var noReplayCheckpoint = new Option<bool>("--no-replay-checkpoint")
        {
            Description = "Keep the replay buffer out of off-policy checkpoints: smaller, but a resumed run starts with an empty buffer " +
                          "(config key checkpointReplay, default true).",
        };
        var printConfig = new Option<bool>("--print-config") { Description = "Print the resolved config of every run (preset, then file, then flags) and exit." };

        var command = new Command("train", "Train an agent and write a run directory. Unset options take the env's preset for --algo " +
                                           "(RL Baselines3 Zoo's tuned values), then the --config file; --print-config shows what a run will use.\n\nExamples:\n" +
                                           "  hyperrl train --env CartPole-v1 --algo ppo\n" +
                                           "  hyperrl train --env CartPole-v1 --algo dqn --policy concat --seeds 1,2,3\n" +
                                           "  hyperrl train --env LunarLander-v3 --algo dqn --preset rainbow\n" +
                                           "  hyperrl train --env CartPole-v1 --randomize pole_length=0.3:0.8 --heldout pole_length=1.0\n" +
                                           "  hyperrl train --resume runs/CartPole-v1-ppo-hyper-s1 --steps 200000\n" +
                                           "  hyperrl train --env LunarLander-v3 --remote-workers 2 --cluster localhost\n" +
                                           "  hyperrl train --env LunarLander-v3 --algo sac --print-config")
        {
            env, algo, preset, policy, config, steps, seed, seeds, numEnvs, workers, device, backend, remoteWorkers, cluster, name, outDir, resume, randomize, set,
            heldOut, quiet, evalEvery, checkpointEvery, noTensorboard, noReplayCheckpoint, printConfig,
        };
        // A resumed run keeps its own config: these would silently not apply.
        Option[] notWithResume = [env, algo, preset, policy, config, seed, seeds, numEnvs, workers, device, backend, remoteWorkers, cluster, name, outDir, randomize, set, heldOut,
            evalEvery, checkpointEvery, noTensorboard, noReplayCheckpoint, printConfig];
        command.SetAction(parse =>
        {
            if (parse.GetValue(resume) != null && notWithResume.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } conflicting)
                throw new ArgumentException($"--resume continues a run with its own config; {conflicting.Name} cannot change it (with --resume: --steps, --quiet)");
            bool quietRun = parse.GetValue(quiet);
            var progress = new RunProgress(() => quietRun ? null : ProgressDisplay.For(output, Console.Error), Console.Error);
            using var signals = new StopSignals(() => progress.Notice("stopping: finishing the current update and writing a checkpoint (resume with --resume) ..."));
            var cancellation = signals.Token;
            if (parse.GetValue(resume) is string resumeDir)
            {
                var resumed = progress.Run(display => Trainer.Resume(resumeDir, parse.GetValue(steps), display, cancellation));
                PrintSummary(output, resumed);
                return resumed.Stopped ? signals.ExitCode : 0;
            }

            var request = new TrainRequest
            {
                Env = parse.GetValue(env)!,
                Algo = parse.GetValue(algo)!,
                Preset = parse.GetValue(preset),
                Conditioning = parse.GetValue(policy) is string p ? ConditioningNames.Parse(p) : null,
                ConfigFile = parse.GetValue(config)?.FullName,
                Steps = parse.GetValue(steps),
                Seeds = parse.GetValue(seeds) is string list ? ParseSeeds(list) : parse.GetValue(seed) is int one ? [one] : null,
                NumEnvs = parse.GetValue(numEnvs),
                Workers = parse.GetValue(workers),
                Device = parse.GetValue(device),
                Backend = parse.GetValue(backend),
                RemoteWorkers = parse.GetValue(remoteWorkers),
                Cluster = parse.GetValue(cluster),
                Name = parse.GetValue(name),
                Out = parse.GetValue(outDir)!,
                Randomize = (parse.GetValue(randomize) ?? []).Select(r => Assignment.Range(r, "--randomize"))
                    .ToDictionary(r => r.Key, r => r.Value),
                Parameters = Assignment.Points(parse.GetValue(set) ?? [], "--set"),
                HeldOut = (parse.GetValue(heldOut) ?? []).Select(h => (IReadOnlyDictionary<string, double>)Assignment.Point(h, "--heldout")).ToList(),
                EvalEvery = parse.GetValue(evalEvery),
                CheckpointEvery = parse.GetValue(checkpointEvery),
                // Unset keeps what the preset and --config say.
                Tensorboard = parse.GetValue(noTensorboard) ? false : null,
                CheckpointReplay = parse.GetValue(noReplayCheckpoint) ? false : null,
            };
            // Every run's config is resolved and checked before the first one starts.
            var runs = TrainPlan.Resolve(request);
            if (parse.GetValue(printConfig))
            {
                foreach (var run in runs)
                {
                    output.WriteLine($"// {run.RunDirectory}");
                    PrintBudgetNote(output, run.Config);
                    output.WriteLine(ConfigReader.ToJson(run.Config));
                }
                return 0;
            }
            foreach (var run in runs)
            {
                if (signals.Stopped) break;
                var c = run.Config;
                output.WriteLine($"training {c.Algo} on {c.Env} ({RunLabels.Conditioning(c)}), seed {c.Seed}, {c.TotalSteps:N0} steps -> {run.RunDirectory}");
                PrintBudgetNote(output, c);
                PrintSummary(output, progress.Run(display => Trainer.Train(c, run.RunDirectory, display, cancellation)));
            }
            return signals.Stopped ? signals.ExitCode : 0;
        });
        return command;
    }

    private static int[] ParseSeeds(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries).Select(s =>
            int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
                ? seed
                : throw new ArgumentException($"--seeds '{text}': '{s}' is not an integer (expected e.g. 1,2,3)")).ToArray();

    private static void PrintBudgetNote(TextWriter output, TrainConfig config)
    {
        long taken = AlgorithmRegistry.Get(config.Algo).StepsTaken(config);
        if (taken != config.TotalSteps)
            output.WriteLine($"note: {config.TotalSteps:N0} steps are not a whole number of {config.Algo}'s iterations (rollouts or env steps) here; the run takes {taken:N0}");
    }

    internal static void PrintSummary(TextWriter output, TrainingResult result)
    {
        foreach (string note in result.Notes) output.WriteLine($"note: {note}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(result.Stopped ? "stopped" : "done")}: {result.Steps:N0} steps in {result.Seconds:F1} s ({result.Backend} backend), {result.Episodes} episodes -> {result.RunDirectory}"));
        // A stopped run's last evaluation is older than its last step: say which one is shown.
        if (result.Stopped && result.FinalEvaluation.Count > 0)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  last evaluation, at step {result.EvaluationStep:N0}:"));
        foreach (var e in result.FinalEvaluation)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  eval {e.Label,-9} {e.DescriptorText}: return {e.MeanReturn:F1} +- {e.StdReturn:F1} over {e.Returns.Length} episodes"));
    }
}
