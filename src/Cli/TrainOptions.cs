using System.Globalization;
using HyperRL.Agents.Config;
using HyperRL.Envs.Registry;
using Newtonsoft.Json.Linq;

namespace HyperRL.Cli;

/// <summary>The flags of <c>hyperrl train</c>, before they are resolved into configs.</summary>
public sealed record TrainOptions
{
    public string Env { get; init; } = "CartPole-v1";
    public string Algo { get; init; } = "ppo";
    public string? Policy { get; init; }
    public string? ConfigFile { get; init; }
    public long? Steps { get; init; }
    public int? Seed { get; init; }
    public string? Seeds { get; init; }
    public int? NumEnvs { get; init; }
    public int? Workers { get; init; }
    public string? Device { get; init; }
    public string? Name { get; init; }
    public string Out { get; init; } = "runs";
    public IReadOnlyList<string> Randomize { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> Set { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> HeldOut { get; init; } = Array.Empty<string>();

    private static readonly string[] Conditionings = { "hyper", "film", "concat", "mlp" };

    /// <summary>Preset for env+algo, then the config file, then flags; one config (and run directory) per seed.</summary>
    public IReadOnlyList<(TrainConfig Config, string RunDirectory)> Resolve()
    {
        var preset = HyperRL.Agents.Presets.Presets.For(Env, Algo);
        EnvRegistry.Get(Env);
        var config = preset;
        if (ConfigFile != null)
        {
            if (!File.Exists(ConfigFile)) throw new FileNotFoundException($"config file '{ConfigFile}' does not exist");
            var json = ConfigReader.ParseObject(File.ReadAllText(ConfigFile), ConfigFile);
            config = ConfigReader.Merge(preset, json, ConfigFile);
            if (config.Env != Env || config.Algo != Algo)
            {
                // The file chose another env or algo: start from that preset instead, then apply the file again.
                config = ConfigReader.Merge(HyperRL.Agents.Presets.Presets.For(config.Env, config.Algo), json, ConfigFile);
            }
        }
        if (Policy != null)
        {
            if (!Conditionings.Contains(Policy))
                throw new ArgumentException($"unknown --policy '{Policy}'; allowed: {string.Join(", ", Conditionings)}");
            var policy = (JObject)config.Policy.DeepClone();
            policy["conditioning"] = Policy;
            config = config with { Policy = policy };
        }
        if (Steps is long steps) config = config with { TotalSteps = steps };
        if (NumEnvs is int n) config = config with { NumEnvs = n, Workers = Math.Min(config.Workers, n) };
        if (Workers is int w) config = config with { Workers = w };
        if (Device != null) config = config with { Device = Device };
        if (Randomize.Count > 0)
        {
            var ranges = new Dictionary<string, string>(config.Randomize);
            foreach (var (key, value) in Randomize.Select(r => SplitAssignment(r, "--randomize", "NAME=LOW:HIGH"))) ranges[key] = value;
            config = config with { Randomize = ranges };
        }
        if (Set.Count > 0)
        {
            var parameters = new Dictionary<string, double>(config.Parameters);
            foreach (var (key, value) in Set.Select(r => SplitAssignment(r, "--set", "NAME=VALUE"))) parameters[key] = ParseNumber(value, "--set " + key);
            config = config with { Parameters = parameters };
        }
        if (HeldOut.Count > 0)
        {
            var points = new List<Dictionary<string, double>>(config.HeldOut);
            foreach (string point in HeldOut)
            {
                points.Add(point.Split(',').Select(p => SplitAssignment(p, "--heldout", "NAME=VALUE[,NAME=VALUE]"))
                    .ToDictionary(a => a.Key, a => ParseNumber(a.Value, "--heldout " + a.Key)));
            }
            config = config with { HeldOut = points };
        }
        var spec = EnvRegistry.Get(config.Env).DescriptorSpec;
        foreach (string key in config.Randomize.Keys.Concat(config.Parameters.Keys).Concat(config.HeldOut.SelectMany(p => p.Keys))) spec.IndexOf(key);

        int[] seedList = Seeds != null ? ParseSeeds(Seeds) : new[] { Seed ?? config.Seed };
        string conditioning = config.Policy["conditioning"]?.ToString() ?? "hyper";
        return seedList.Select(s =>
        {
            var perSeed = config with { Seed = s };
            string name = Name == null ? $"{perSeed.Env}-{perSeed.Algo}-{conditioning}-s{s}" : seedList.Length > 1 ? $"{Name}-s{s}" : Name;
            if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or "..")
                throw new ArgumentException($"--name '{name}' is not a valid directory name");
            string directory = Path.Combine(Out, name);
            // Default names never collide with an earlier run: like SB3 Zoo's run ids they get the next free suffix.
            // An explicit --name that exists is an error (the trainer says so) rather than a silent rename.
            for (int k = 2; Name == null && Directory.Exists(directory); k++) directory = Path.Combine(Out, $"{name}-{k}");
            return (perSeed, directory);
        }).ToList();
    }

    private static int[] ParseSeeds(string text)
    {
        var seeds = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s =>
            int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
                ? seed
                : throw new ArgumentException($"--seeds: '{s}' is not an integer (expected e.g. 1,2,3)")).ToArray();
        if (seeds.Length == 0) throw new ArgumentException("--seeds lists no seed");
        if (seeds.Distinct().Count() != seeds.Length) throw new ArgumentException("--seeds lists a seed twice");
        return seeds;
    }

    private static KeyValuePair<string, string> SplitAssignment(string text, string flag, string form)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1) throw new ArgumentException($"{flag} '{text}' is not {form}");
        return new KeyValuePair<string, string>(text[..eq].Trim(), text[(eq + 1)..].Trim());
    }

    private static double ParseNumber(string text, string what) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{what}: '{text}' is not a number");
}
