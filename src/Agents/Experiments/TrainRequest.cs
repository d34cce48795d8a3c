using HyperRL.Envs.Descriptors;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Experiments;

/// <summary>
/// What a user asks to train, before it is resolved into configs (<see cref="TrainPlan"/>): the env's preset for the
/// algorithm, then a config file, then these overrides. Null means "keep what the preset and file say".
/// </summary>
public sealed record TrainRequest
{
    public string Env { get; init; } = "CartPole-v1";
    public string Algo { get; init; } = "ppo";
    /// <summary>The algorithm's named preset (<c>"default"</c>, DQN's <c>"rainbow"</c>); null: the config file's, else the default.</summary>
    public string? Preset { get; init; }
    public ConditioningKind? Conditioning { get; init; }
    public string? ConfigFile { get; init; }
    public long? Steps { get; init; }
    /// <summary>One run per seed, one after another; null: the config's seed.</summary>
    public IReadOnlyList<int>? Seeds { get; init; }
    public int? NumEnvs { get; init; }
    public int? Workers { get; init; }
    public string? Device { get; init; }
    public string? Backend { get; init; }
    /// <summary>Rollouts from this many remote workers of <see cref="Cluster"/> (config key remoteWorkers).</summary>
    public int? RemoteWorkers { get; init; }
    /// <summary>"localhost" or a cluster file (config key cluster).</summary>
    public string? Cluster { get; init; }
    /// <summary>Run name; null: ENV-ALGO-POLICY-sSEED with the next free suffix. With several seeds, NAME-sSEED.</summary>
    public string? Name { get; init; }
    /// <summary>Folder the run directories go to.</summary>
    public string Out { get; init; } = "runs";
    public IReadOnlyDictionary<string, ParameterRange> Randomize { get; init; } = new Dictionary<string, ParameterRange>();
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();
    public IReadOnlyList<IReadOnlyDictionary<string, double>> HeldOut { get; init; } = [];
    /// <summary>Env steps between evaluations (0: only the final one).</summary>
    public long? EvalEvery { get; init; }
    /// <summary>Env steps between checkpoints (0: only the final one).</summary>
    public long? CheckpointEvery { get; init; }
    /// <summary>TensorBoard event files in RUN/tb/.</summary>
    public bool? Tensorboard { get; init; }
    /// <summary>The replay buffer in off-policy checkpoints (exact resume).</summary>
    public bool? CheckpointReplay { get; init; }
}
