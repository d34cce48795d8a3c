using HyperRL.Agents.Config;
using HyperRL.Agents.Runs;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Experiments;

/// <summary>One run of a plan: its resolved config and the directory it will be written to.</summary>
public sealed record PlannedRun(TrainConfig Config, string RunDirectory);

/// <summary>
/// Resolves a <see cref="TrainRequest"/> into one checked config per seed: the env's preset for the algorithm, then the
/// config file (which may choose another env or algo: then that preset is the base), then the request's overrides.
/// Every config is validated before any run starts, so a bad seed list or descriptor fails before training.
/// </summary>
public static class TrainPlan
{
    public static IReadOnlyList<PlannedRun> Resolve(TrainRequest request)
    {
        string preset = request.Preset ?? Presets.Presets.Default;
        var config = Presets.Presets.For(request.Env, request.Algo, preset);
        if (request.ConfigFile != null)
        {
            if (Directory.Exists(request.ConfigFile)) throw new ArgumentException($"config file '{request.ConfigFile}' is a directory, not a JSON file");
            if (!File.Exists(request.ConfigFile)) throw new FileNotFoundException($"config file '{request.ConfigFile}' does not exist");
            var json = ConfigReader.ParseObject(File.ReadAllText(request.ConfigFile), request.ConfigFile);
            config = ConfigReader.Merge(config, json, request.ConfigFile);
            // The file chose another env, algo or preset: start from that preset instead, then apply the file again.
            // A --preset flag wins over the file's.
            string chosen = request.Preset ?? config.Preset;
            if (config.Env != request.Env || config.Algo != request.Algo || chosen != preset)
                config = ConfigReader.Merge(Presets.Presets.For(config.Env, config.Algo, chosen), json, request.ConfigFile);
            config = config with { Preset = chosen };
        }
        config = ApplyOverrides(config, request);

        var seeds = request.Seeds ?? [config.Seed];
        if (seeds.Count == 0) throw new ArgumentException("the seed list is empty");
        if (seeds.Distinct().Count() != seeds.Count) throw new ArgumentException("the seed list names a seed twice");
        var runs = new List<PlannedRun>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (int seed in seeds)
        {
            var perSeed = config with { Seed = seed };
            ConfigValidation.Check(perSeed);
            string directory = RunDirectory(request, perSeed, multipleSeeds: seeds.Count > 1, taken);
            taken.Add(directory);
            runs.Add(new PlannedRun(perSeed, directory));
        }
        return runs;
    }

    /// <summary>Default names never collide with an earlier run: like RL Zoo's run ids they get the next free suffix.
    /// An explicit name that exists is an error rather than a silent rename.</summary>
    private static string RunDirectory(TrainRequest request, TrainConfig config, bool multipleSeeds, HashSet<string> taken)
    {
        string name = request.Name == null ? $"{config.Env}-{config.Algo}-{RunLabels.Conditioning(config)}-s{config.Seed}"
            : multipleSeeds ? $"{request.Name}-s{config.Seed}" : request.Name;
        if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or "..")
            throw new ArgumentException($"run name '{name}' is not a valid directory name");
        string directory = Path.Combine(request.Out, name);
        for (int k = 2; request.Name == null && (Directory.Exists(directory) || taken.Contains(directory)); k++)
            directory = Path.Combine(request.Out, $"{name}-{k}");
        if (File.Exists(new RunLayout(directory).Config))
            throw new InvalidOperationException($"run directory '{directory}' already holds a run; pick another --name or use --resume");
        return directory;
    }

    private static TrainConfig ApplyOverrides(TrainConfig config, TrainRequest request)
    {
        if (request.Conditioning is ConditioningKind conditioning) config = config with { Policy = config.Policy with { Conditioning = conditioning } };
        if (request.Steps is long steps) config = config with { TotalSteps = steps };
        if (request.EvalEvery is long evalEvery) config = config with { EvalEvery = evalEvery };
        if (request.CheckpointEvery is long checkpointEvery) config = config with { CheckpointEvery = checkpointEvery };
        if (request.Tensorboard is bool tensorboard) config = config with { Tensorboard = tensorboard };
        if (request.CheckpointReplay is bool checkpointReplay) config = config with { CheckpointReplay = checkpointReplay };
        if (request.NumEnvs is int n) config = config with { NumEnvs = n, Workers = Math.Min(config.Workers, n) };
        if (request.Workers is int w) config = config with { Workers = w };
        if (request.Device != null) config = config with { Device = request.Device };
        if (request.Backend != null) config = config with { Backend = request.Backend };
        if (request.RemoteWorkers is int remoteWorkers) config = config with { RemoteWorkers = remoteWorkers };
        // A cluster file is kept by its full path, so a resume from another directory finds it.
        if (request.Cluster != null) config = config with { Cluster = request.Cluster == Distributed.ClusterSettings.Localhost ? request.Cluster : Path.GetFullPath(request.Cluster) };
        if (request.Randomize.Count > 0)
        {
            var ranges = new Dictionary<string, string>(config.Randomize);
            foreach (var (name, range) in request.Randomize) ranges[name] = range.ToString();
            config = config with { Randomize = ranges };
        }
        if (request.Parameters.Count > 0)
        {
            var parameters = new Dictionary<string, double>(config.Parameters);
            foreach (var (name, value) in request.Parameters) parameters[name] = value;
            config = config with { Parameters = parameters };
        }
        if (request.HeldOut.Count > 0)
            config = config with { HeldOut = [.. config.HeldOut, .. request.HeldOut.Select(p => new Dictionary<string, double>(p))] };
        return config;
    }
}
