using HyperRL.Agents.Algorithms;
using HyperRL.Agents.Config;

namespace HyperRL.Agents.Presets;

/// <summary>
/// Per-env defaults, so that <c>train --env X --algo Y</c> works well with no flags: each algorithm package holds its
/// own (RL Baselines3 Zoo's tuned values, cited there).
/// </summary>
public static class Presets
{
    public static TrainConfig For(string env, string algo) => AlgorithmRegistry.Get(algo).Preset(env);
}
