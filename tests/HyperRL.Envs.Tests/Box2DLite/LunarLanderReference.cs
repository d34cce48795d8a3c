using System.Text.Json;

namespace HyperRL.Envs.Tests.Box2DLite;

/// <summary>Gymnasium's recorded LunarLander-v3 episodes (Box2D), from shared/reference/gymnasium.</summary>
internal sealed class LunarLanderReference
{
    public sealed record BodyState(double X, double Y, double Angle, double Vx, double Vy, double Omega);

    public sealed record Step(int Action, double Reward, bool Terminated, BodyState Lander, bool Leg0Contact, bool Leg1Contact);

    public required int Seed { get; init; }
    public required BodyState InitialLander { get; init; }
    public required double[] Draws { get; init; }
    public required IReadOnlyList<Step> Steps { get; init; }

    public int FirstLegContactStep
    {
        get
        {
            for (int i = 0; i < Steps.Count; i++)
            {
                if (Steps[i].Leg0Contact || Steps[i].Leg1Contact) return i;
            }
            return -1;
        }
    }

    public static IReadOnlyList<LunarLanderReference> Load()
    {
        string path = Path.Combine(FindSharedReference(), "LunarLander-v3.jsonl");
        var episodes = new List<LunarLanderReference>();
        foreach (string line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            JsonElement root = doc.RootElement;
            var draws = new List<double>();
            foreach (var d in root.GetProperty("rng_draws_reset").EnumerateArray()) draws.Add(d.GetDouble());
            var steps = new List<Step>();
            foreach (var s in root.GetProperty("steps").EnumerateArray())
            {
                foreach (var d in s.GetProperty("rng_draws").EnumerateArray()) draws.Add(d.GetDouble());
                JsonElement state = s.GetProperty("state");
                JsonElement contact = state.GetProperty("legs_ground_contact");
                steps.Add(new Step(s.GetProperty("action").GetInt32(), s.GetProperty("reward").GetDouble(),
                    s.GetProperty("terminated").GetBoolean(), Body(state.GetProperty("lander")),
                    contact[0].GetBoolean(), contact[1].GetBoolean()));
            }
            episodes.Add(new LunarLanderReference
            {
                Seed = root.GetProperty("seed").GetInt32(),
                InitialLander = Body(root.GetProperty("initial_state").GetProperty("lander")),
                Draws = draws.ToArray(),
                Steps = steps,
            });
        }
        return episodes;
    }

    private static BodyState Body(JsonElement e) =>
        new(e[0].GetDouble(), e[1].GetDouble(), e[2].GetDouble(), e[3].GetDouble(), e[4].GetDouble(), e[5].GetDouble());

    /// <summary>Walks up from the test directory to the folder holding shared/reference/gymnasium.</summary>
    private static string FindSharedReference()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "reference", "gymnasium");
            if (Directory.Exists(candidate)) return candidate;
        }
        Assert.Ignore("shared/reference/gymnasium not found above the test directory.");
        throw new InvalidOperationException("unreachable");
    }
}
