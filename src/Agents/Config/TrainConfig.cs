using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Config;

/// <summary>
/// Everything a training run needs; saved as the run's resolved <c>config.json</c>. Missing keys in a user's
/// file take the preset's values; unknown keys are errors (see <see cref="ConfigReader"/>).
/// </summary>
public sealed record TrainConfig
{
    public string Env { get; init; } = "CartPole-v1";
    /// <summary>"ppo" or "dqn".</summary>
    public string Algo { get; init; } = "ppo";
    public long TotalSteps { get; init; } = 100_000;
    public int Seed { get; init; } = 1;
    public int NumEnvs { get; init; } = 4;
    /// <summary>Env worker threads; 1 steps the envs on the training thread.</summary>
    public int Workers { get; init; } = 1;
    /// <summary>"cpu" or "cuda".</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>Torch intra-op threads; 1 suits small networks best.</summary>
    public int TorchThreads { get; init; } = 1;

    /// <summary>The policy spec (HyperPolicy's JSON): conditioning scheme, hypernetwork, trunk, head.</summary>
    public JObject Policy { get; init; } = new();
    public PpoConfig Ppo { get; init; } = new();
    public DqnConfig Dqn { get; init; } = new();

    /// <summary>Continuous actions for envs offering both (LunarLander).</summary>
    public bool Continuous { get; init; }
    public bool NormalizeObservations { get; init; }
    public bool NormalizeRewards { get; init; }

    /// <summary>Fixed descriptor values for training, by name.</summary>
    public Dictionary<string, double> Parameters { get; init; } = new();
    /// <summary>Train ranges re-sampled at every reset, e.g. {"pole_length": "0.3:0.8"}.</summary>
    public Dictionary<string, string> Randomize { get; init; } = new();
    /// <summary>Held-out descriptor points evaluated besides the training ones.</summary>
    public List<Dictionary<string, double>> HeldOut { get; init; } = new();

    /// <summary>Env steps between evaluations (0 disables periodic evaluation; a final one always runs).</summary>
    public long EvalEvery { get; init; } = 10_000;
    public int EvalEpisodes { get; init; } = 10;
    /// <summary>Env steps between checkpoints (a final one is always written).</summary>
    public long CheckpointEvery { get; init; } = 50_000;
}
