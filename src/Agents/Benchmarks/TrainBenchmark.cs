using System.Diagnostics;
using HyperRL.Agents.Experiments;
using HyperRL.Agents.Training;
using HyperRL.Envs.Descriptors;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Benchmarks;

/// <summary>One measured training run: wall time of <see cref="Trainer.Train"/> (env steps, updates, the final
/// evaluation) for a policy, descriptor mode and backend.</summary>
public sealed record TrainBenchmarkRow(string Policy, string Descriptors, string Backend, long Steps, double Seconds, double FinalReturn)
{
    public double SecondsPer100k => Seconds * 100_000 / Steps;
}

/// <summary>What <see cref="TrainBenchmark"/> runs: the env's preset with these changes.</summary>
public sealed record TrainBenchmarkOptions
{
    public string Env { get; init; } = "CartPole-v1";
    public string Algo { get; init; } = "ppo";
    public long Steps { get; init; } = 100_000;
    public int Repeats { get; init; } = 1;
    public IReadOnlyList<ConditioningKind> Policies { get; init; } = [ConditioningKind.Hyper, ConditioningKind.Mlp];
    public IReadOnlyList<string> Backends { get; init; } = [TrainingBackends.Fused, TrainingBackends.Torch];
    /// <summary>Per-episode descriptors ("randomized" rows); empty: shared descriptor only.</summary>
    public IReadOnlyDictionary<string, ParameterRange> Randomize { get; init; } = new Dictionary<string, ParameterRange>();
}

/// <summary>
/// Trains the preset for every (policy, descriptor mode, backend) in one process, interleaved round by round so that
/// the machine's drift falls on all cases alike; the caller reports ratios (against the torch backend, against mlp).
/// Runs go to a temporary folder that is deleted afterwards.
/// </summary>
public static class TrainBenchmark
{
    private const long WarmUpSteps = 4096;

    public static IEnumerable<TrainBenchmarkRow> Run(TrainBenchmarkOptions options)
    {
        var modes = options.Randomize.Count == 0
            ? new[] { ("shared", (IReadOnlyDictionary<string, ParameterRange>?)null) }
            : [("shared", null), ("per-episode", options.Randomize)];
        // Resolved (and checked) before the first run.
        var cases = (from policy in options.Policies
                     from mode in modes
                     from backend in options.Backends
                     select (policy, mode.Item1, backend, Config(options, policy, mode.Item2, backend))).ToArray();
        var root = Path.Combine(Path.GetTempPath(), $"hyperrl-bench-train-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            // Untimed: the first runs of a process pay for JIT compilation and native-library loading.
            foreach (var (policy, mode, backend, config) in cases)
            {
                var warmUp = Path.Combine(root, $"warm-up-{policy}-{mode}-{backend}");
                Trainer.Train(config with { TotalSteps = Math.Min(config.TotalSteps, WarmUpSteps) }, warmUp);
                Directory.Delete(warmUp, recursive: true);
            }
            for (int repeat = 0; repeat < options.Repeats; repeat++)
                foreach (var (policy, mode, backend, config) in cases)
                {
                    var directory = Path.Combine(root, $"{policy}-{mode}-{backend}-{repeat}");
                    var clock = Stopwatch.StartNew();
                    var result = Trainer.Train(config, directory);
                    clock.Stop();
                    double finalReturn = result.FinalEvaluation.Count > 0 ? result.FinalEvaluation[0].MeanReturn : double.NaN;
                    yield return new TrainBenchmarkRow(ConditioningNames.Of(policy), mode, backend, result.Steps, clock.Elapsed.TotalSeconds, finalReturn);
                    Directory.Delete(directory, recursive: true);
                }
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static Config.TrainConfig Config(TrainBenchmarkOptions options, ConditioningKind policy, IReadOnlyDictionary<string, ParameterRange>? randomize, string backend)
    {
        var request = new TrainRequest
        {
            Env = options.Env, Algo = options.Algo, Conditioning = policy, Steps = options.Steps, Backend = backend,
            EvalEvery = 0, CheckpointEvery = 0, Tensorboard = false, Out = Path.GetTempPath(),
            Randomize = randomize?.ToDictionary(pair => pair.Key, pair => pair.Value) ?? [],
        };
        return TrainPlan.Resolve(request)[0].Config;
    }
}
