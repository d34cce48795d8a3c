using HyperRL.Agents.Config;

namespace HyperRL.Agents.Algorithms;

/// <summary>The algorithms a config may name. Adding an algorithm is its package and one line here.</summary>
public static class AlgorithmRegistry
{
    private static readonly IAlgorithmPackage[] Packages =
    [
        new Ppo.PpoPackage(),
        new Dqn.DqnPackage(),
        new Sac.SacPackage(),
    ];

    public static IReadOnlyList<string> Names { get; } = Packages.Select(p => p.Name).ToArray();

    public static IReadOnlyList<IAlgorithmPackage> All => Packages;

    public static bool Contains(string name) => Packages.Any(p => p.Name == name);

    public static IAlgorithmPackage Get(string name) =>
        Packages.FirstOrDefault(p => p.Name == name)
        ?? throw new ConfigException($"unknown algo '{name}'; allowed: {string.Join(", ", Names)}");
}
