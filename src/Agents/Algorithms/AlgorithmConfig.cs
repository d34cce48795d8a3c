using Newtonsoft.Json;

namespace HyperRL.Agents.Algorithms;

/// <summary>
/// The hyperparameters of one algorithm: the section of config.json named after it (<c>"ppo": {...}</c>). Each
/// algorithm package defines its own sealed record; a config holds the section of its algorithm only.
/// </summary>
public abstract record AlgorithmConfig
{
    /// <summary>The registry name of the algorithm these hyperparameters belong to ("ppo", "dqn", ...).</summary>
    [JsonIgnore]
    public abstract string AlgorithmName { get; }

    /// <summary>Discount factor of the returns; reward normalization discounts with it too.</summary>
    public abstract double Gamma { get; init; }
}
