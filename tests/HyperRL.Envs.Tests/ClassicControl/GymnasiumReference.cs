using System.Text.Json;

namespace HyperRL.Envs.Tests.ClassicControl;

/// <summary>One step of a Gymnasium reference episode (float32 observations stored as exact doubles).</summary>
public sealed record ReferenceStep(
    int DiscreteAction, float[]? ContinuousAction, double[] Obs, double Reward, bool Terminated, bool Truncated, double[] State);

/// <summary>One episode recorded from Gymnasium itself (see shared/reference/gymnasium/README.md).</summary>
public sealed record ReferenceEpisode(string Env, int Seed, double[] InitialObs, double[] InitialState, IReadOnlyList<ReferenceStep> Steps)
{
    public override string ToString() => $"{Env} seed {Seed}";
}

/// <summary>Finds and parses the Gymnasium reference trajectories shared with the repository.</summary>
public static class GymnasiumReference
{
    private const string RelativeFolder = "shared/reference/gymnasium";

    /// <summary>Walks up from the test binaries (the folder sits beside the repository root) to find it.</summary>
    public static string Folder()
    {
        string start = TestContext.CurrentContext.TestDirectory;
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, RelativeFolder);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(
            $"Gymnasium reference trajectories not found: no '{RelativeFolder}' folder in {start} or any parent directory.");
    }

    public static IReadOnlyList<ReferenceEpisode> Load(string envId)
    {
        string path = Path.Combine(Folder(), envId + ".jsonl");
        if (!File.Exists(path)) throw new FileNotFoundException($"No reference trajectories for {envId} at {path}.", path);
        var episodes = new List<ReferenceEpisode>();
        foreach (string line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var document = JsonDocument.Parse(line);
            episodes.Add(ParseEpisode(document.RootElement));
        }
        return episodes;
    }

    private static ReferenceEpisode ParseEpisode(JsonElement root)
    {
        var steps = new List<ReferenceStep>();
        foreach (var step in root.GetProperty("steps").EnumerateArray())
        {
            var action = step.GetProperty("action");
            bool continuous = action.ValueKind == JsonValueKind.Array;
            steps.Add(new ReferenceStep(
                continuous ? 0 : action.GetInt32(),
                continuous ? action.EnumerateArray().Select(a => a.GetSingle()).ToArray() : null,
                Doubles(step.GetProperty("obs")),
                step.GetProperty("reward").GetDouble(),
                step.GetProperty("terminated").GetBoolean(),
                step.GetProperty("truncated").GetBoolean(),
                Doubles(step.GetProperty("state"))));
        }
        int recorded = root.GetProperty("n_steps").GetInt32();
        if (recorded != steps.Count) throw new InvalidDataException($"Episode declares {recorded} steps but holds {steps.Count}.");
        return new ReferenceEpisode(
            root.GetProperty("env").GetString()!,
            root.GetProperty("seed").GetInt32(),
            Doubles(root.GetProperty("initial_obs")),
            Doubles(root.GetProperty("initial_state")),
            steps);
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
