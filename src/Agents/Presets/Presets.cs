using HyperRL.Agents.Algorithms;
using HyperRL.Agents.Config;

namespace HyperRL.Agents.Presets;

/// <summary>
/// Per-env defaults, so that <c>train --env X --algo Y</c> works well with no flags: each algorithm package holds its
/// own (RL Baselines3 Zoo's tuned values, cited there).
/// </summary>
public static class Presets
{
    /// <summary>The name of every algorithm's tuned settings; variants (DQN's "rainbow") have their own names.</summary>
    public const string Default = "default";

    public static TrainConfig For(string env, string algo, string preset = Default) => AlgorithmRegistry.Get(algo).Preset(env, preset);
}
