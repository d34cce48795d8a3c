using HyperRL.Envs.Descriptors;

namespace HyperRL.Envs.Core;

/// <summary>Options accepted by <see cref="Registry.EnvRegistry.Make"/>; defaults reproduce the Gymnasium env.</summary>
public sealed record EnvOptions
{
    public static readonly EnvOptions Default = new();

    /// <summary>Fixed descriptor values (physical parameters or goal), by name; each is range-checked.</summary>
    public IReadOnlyDictionary<string, double>? Parameters { get; init; }

    /// <summary>Re-samples the listed descriptor parameters at every reset (domain randomization).</summary>
    public ParameterDistribution? Randomize { get; init; }

    /// <summary>Continuous actions for envs that offer both (LunarLander).</summary>
    public bool Continuous { get; init; }

    /// <summary>Overrides the registered time limit; 0 disables it.</summary>
    public int? MaxEpisodeSteps { get; init; }
}
