using HyperRL.Agents.Algorithms;
using HyperRL.Agents.Algorithms.Ppo;
using HyperRL.HyperPolicy;
using Newtonsoft.Json;

namespace HyperRL.Agents.Config;

/// <summary>
/// Everything a training run needs; saved as the run's resolved <c>config.json</c>, which holds the common keys, the
/// typed policy spec under <c>policy</c> and the section of its algorithm only (<c>"ppo": {...}</c>). Missing keys in
/// a user's file take the preset's values; unknown keys are errors (see <see cref="ConfigReader"/>).
/// </summary>
public sealed record TrainConfig
{
    public string Env { get; init; } = "CartPole-v1";

    /// <summary>The algorithm's hyperparameters; its type decides the algorithm (see <see cref="Algo"/>).</summary>
    [JsonIgnore]
    public AlgorithmConfig Algorithm { get; init; } = new PpoConfig();

    /// <summary>The algorithm's named preset this config starts from (<c>"default"</c>, or a variant such as DQN's
    /// <c>"rainbow"</c>); a config file that names another one starts from it instead.</summary>
    public string Preset { get; init; } = Presets.Presets.Default;

    /// <summary>The registry name of the algorithm ("ppo", "dqn", ...).</summary>
    [JsonIgnore]
    public string Algo => Algorithm.AlgorithmName;

    public long TotalSteps { get; init; } = 100_000;
    public int Seed { get; init; } = 1;
    public int NumEnvs { get; init; } = 4;
    /// <summary>Env worker threads; 1 steps the envs on the training thread.</summary>
    public int Workers { get; init; } = 1;
    /// <summary>"cpu" or "cuda".</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>How gradient steps are computed: "auto" (the fused C# path where it covers the algorithm, policy and
    /// device, TorchSharp otherwise), "torch" or "fused" (an error where it does not cover the config). See
    /// <see cref="Training.TrainingBackends"/>.</summary>
    public string Backend { get; init; } = Training.TrainingBackends.Auto;
    /// <summary>Rollouts from this many remote worker processes (<c>hyperrl worker</c>) of <see cref="Cluster"/>
    /// instead of local envs; 0 (default) steps the envs in this process. Each worker steps numEnvs envs of its own;
    /// a rollout's numSteps are split over the workers serving at the time.</summary>
    public int RemoteWorkers { get; init; }
    /// <summary>Where the remote workers are: "localhost" or the path of a cluster file (see <see cref="Distributed.ClusterSettings"/>).</summary>
    public string Cluster { get; init; } = Distributed.ClusterSettings.Localhost;
    /// <summary>Torch intra-op threads; 1 suits small networks best.</summary>
    public int TorchThreads { get; init; } = 1;

    /// <summary>The networks' architecture: conditioning scheme, hypernetwork, trunk, head.</summary>
    [JsonIgnore]
    public PolicySpec Policy { get; init; } = new();

    /// <summary>Continuous actions for envs offering both (LunarLander).</summary>
    public bool Continuous { get; init; }
    public bool NormalizeObservations { get; init; }
    public bool NormalizeRewards { get; init; }

    /// <summary>Fixed descriptor values for training, by name.</summary>
    public Dictionary<string, double> Parameters { get; init; } = new();
    /// <summary>Train ranges re-sampled at every reset, e.g. {"pole_length": "0.3:0.8"}.</summary>
    public Dictionary<string, string> Randomize { get; init; } = new();
    /// <summary>A train region that is a union of equally weighted boxes (CARL's L- or axis-shaped modes), e.g.
    /// [{"pole_length": "0.3:0.4", "force_mag": "7:13"}, {"pole_length": "0.3:0.7", "force_mag": "7:8"}]: one box is
    /// chosen per reset. Every box names the same parameters, none of them in <see cref="Randomize"/>.</summary>
    public List<Dictionary<string, string>> RandomizeBoxes { get; init; } = new();
    /// <summary>Held-out descriptor points evaluated besides the training ones.</summary>
    public List<Dictionary<string, double>> HeldOut { get; init; } = new();

    /// <summary>Env steps between evaluations (0 disables periodic evaluation; a final one always runs).</summary>
    public long EvalEvery { get; init; } = 10_000;
    public int EvalEpisodes { get; init; } = 10;
    /// <summary>Env steps between checkpoints (a final one is always written).</summary>
    public long CheckpointEvery { get; init; } = 50_000;

    /// <summary>TensorBoard event files in the run's tb/ beside the CSV files (the key is "tensorboard", one word, as
    /// users type it).</summary>
    public bool Tensorboard { get; init; } = true;

    /// <summary>Off-policy checkpoints hold the replay buffer (checkpoint/replay.bin: 68 bytes per CartPole transition,
    /// 6.8 MB for 100k), so a resumed run continues exactly; false keeps checkpoints small and a resumed run starts with an
    /// empty buffer. Ignored by on-policy algorithms.</summary>
    public bool CheckpointReplay { get; init; } = true;
}
