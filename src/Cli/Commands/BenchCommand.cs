using System.CommandLine;
using System.Globalization;
using HyperRL.Cli.Bench;
using HyperRL.Envs.Registry;

namespace HyperRL.Cli.Commands;

/// <summary><c>hyperrl bench ...</c>: the performance benchmarks (reported, never asserted in unit tests).</summary>
public static class BenchCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("bench", "Performance benchmarks (measured and printed, never asserted).\n\nExamples:\n  hyperrl bench envs\n  hyperrl bench policy");
        command.Subcommands.Add(CreateEnvs(output));
        command.Subcommands.Add(CreatePolicy(output));
        command.Subcommands.Add(CreateTrain(output));
        return command;
    }

    private static Command CreatePolicy(TextWriter output)
    {
        var secondsOption = new Option<double>("--seconds") { Description = "Measuring time per case.", DefaultValueFactory = _ => 1.4 };
        var command = new Command("policy", "Forward+backward time of the hyper actor-critic vs the plain mlp one (batch 64, 256, 2048; " +
                                            "shared and per-env descriptors) and parameter counts of each hypernetwork kind.\n\nExample:\n  hyperrl bench policy --seconds 2")
        {
            secondsOption,
        };
        command.SetAction(parse =>
        {
            double seconds = parse.GetValue(secondsOption);
            if (!(seconds > 0)) throw new ArgumentException("--seconds must be positive.");
            var options = new HyperRL.HyperPolicy.PolicyBenchmarkOptions { TimePerCase = TimeSpan.FromSeconds(seconds) };
            foreach (string line in HyperRL.HyperPolicy.HyperPolicyBenchmark.Report(options)) output.WriteLine(line);
            output.WriteLine($"({Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription})");
            return 0;
        });
        return command;
    }

    private static Command CreateTrain(TextWriter output)
    {
        var envOption = new Option<string>("--env") { Description = "Env id.", DefaultValueFactory = _ => "CartPole-v1" };
        var algoOption = new Option<string>("--algo") { Description = "Algorithm whose preset runs: ppo or dqn (the ones with a fused backend).", DefaultValueFactory = _ => "ppo" };
        algoOption.AcceptOnlyFromAmong("ppo", "dqn");
        var stepsOption = new Option<long>("--steps") { Description = "Env steps per run.", DefaultValueFactory = _ => 100_000 };
        var repeatsOption = new Option<int>("--repeats") { Description = "Rounds of all cases (interleaved); the median is reported.", DefaultValueFactory = _ => 1 };
        var policyOption = new Option<string[]>("--policy") { Description = "Conditioning schemes to measure.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["hyper", "mlp"] };
        policyOption.AcceptOnlyFromAmong([.. HyperRL.HyperPolicy.ConditioningNames.All]);
        var randomizeOption = new Option<string[]>("--randomize") { Description = "Per-episode descriptors NAME=LOW:HIGH (repeatable): adds a per-episode case to the shared one." };
        var command = new Command("train", "Whole-run wall time (the env's PPO or DQN preset) per 100k steps for each policy, shared and per-episode descriptors, " +
                                           "on the fused and the torch backend, in one process; ratios against the torch backend and against mlp.\n\n" +
                                           "Example:\n  hyperrl bench train --env CartPole-v1 --randomize pole_length=0.3:0.8 --repeats 3\n  hyperrl bench train --algo dqn")
        {
            envOption, algoOption, stepsOption, repeatsOption, policyOption, randomizeOption,
        };
        command.SetAction(parse =>
        {
            string env = parse.GetValue(envOption)!;
            string algo = parse.GetValue(algoOption)!;
            EnvRegistry.Get(env);
            long steps = parse.GetValue(stepsOption);
            int repeats = parse.GetValue(repeatsOption);
            if (steps < 1) throw new ArgumentException("--steps must be at least 1.");
            if (repeats < 1) throw new ArgumentException("--repeats must be at least 1.");
            var options = new HyperRL.Agents.Benchmarks.TrainBenchmarkOptions
            {
                Env = env, Algo = algo, Steps = steps, Repeats = repeats,
                Policies = parse.GetValue(policyOption)!.Distinct().Select(HyperRL.HyperPolicy.ConditioningNames.Parse).ToArray(),
                Randomize = (parse.GetValue(randomizeOption) ?? []).Select(r => HyperRL.Agents.Experiments.Assignment.Range(r, "--randomize")).ToDictionary(r => r.Key, r => r.Value),
            };
            var rows = new List<HyperRL.Agents.Benchmarks.TrainBenchmarkRow>();
            output.WriteLine($"{"policy",-7} {"descriptors",-12} {"backend",-7} {"s/100k",8} {"vs torch",9} {"vs mlp",7} {"return",7}   ({algo}, {env}, {steps:N0} steps, median of {repeats})");
            foreach (var row in HyperRL.Agents.Benchmarks.TrainBenchmark.Run(options)) rows.Add(row);
            double Median(string policy, string mode, string backend)
            {
                var times = rows.Where(r => r.Policy == policy && r.Descriptors == mode && r.Backend == backend).Select(r => r.SecondsPer100k).Order().ToArray();
                return times.Length == 0 ? double.NaN : times[times.Length / 2];
            }
            foreach (var group in rows.GroupBy(r => (r.Policy, r.Descriptors, r.Backend)))
            {
                var (policy, mode, backend) = group.Key;
                double seconds = Median(policy, mode, backend);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{policy,-7} {mode,-12} {backend,-7} {seconds,8:F2} {Ratio(seconds, Median(policy, mode, "torch")),9} {Ratio(seconds, Median("mlp", mode, backend)),7} {group.Last().FinalReturn,7:F1}"));
            }
            output.WriteLine($"({Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; ratios are within this run)");
            return 0;
        });
        return command;
    }

    /// <summary>"-" where the reference case was not measured (no mlp, or no torch backend in the run).</summary>
    private static string Ratio(double seconds, double reference) =>
        double.IsNaN(reference) ? "-" : (seconds / reference).ToString("F2", CultureInfo.InvariantCulture);

    private static Command CreateEnvs(TextWriter output)
    {
        var envOption = new Option<string[]>("--env") { Description = "Env ids to measure (default: all).", AllowMultipleArgumentsPerToken = true };
        var secondsOption = new Option<double>("--seconds") { Description = "Measuring time per case.", DefaultValueFactory = _ => 1.0 };
        var numEnvsOption = new Option<int>("--num-envs") { Description = "Envs per vector env.", DefaultValueFactory = _ => 1024 };
        var command = new Command("envs", "Env steps/s: single env, and vectorized with 1 and 2 worker threads.\n\nExample:\n  hyperrl bench envs --env CartPole-v1 --seconds 2")
        {
            envOption, secondsOption, numEnvsOption,
        };
        command.SetAction(parse =>
        {
            string[] ids = parse.GetValue(envOption) is { Length: > 0 } chosen ? chosen : EnvRegistry.Ids.ToArray();
            foreach (string id in ids) EnvRegistry.Get(id);
            double seconds = parse.GetValue(secondsOption);
            int numEnvs = parse.GetValue(numEnvsOption);
            if (!(seconds > 0)) throw new ArgumentException("--seconds must be positive.");
            if (numEnvs < 1) throw new ArgumentException("--num-envs must be at least 1.");
            output.WriteLine($"{"env",-26} {"mode",-7} {"envs",6} {"threads",7} {"steps/s",14}");
            foreach (var row in EnvBenchmark.Run(ids, seconds, numEnvs))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row.EnvId,-26} {row.Mode,-7} {row.NumEnvs,6} {row.Workers,7} {row.StepsPerSecond,14:N0}"));
            output.WriteLine($"({Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription})");
            return 0;
        });
        return command;
    }
}
