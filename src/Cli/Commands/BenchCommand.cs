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
