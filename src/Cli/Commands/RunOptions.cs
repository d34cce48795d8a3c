using System.CommandLine;

namespace HyperRL.Cli.Commands;

/// <summary>The argument and options of the commands that act with a trained policy (eval, render, export, arch).</summary>
internal static class RunOptions
{
    public static Argument<string> Run() =>
        new("run") { Description = "Run directory (written by 'hyperrl train'), or a standalone policy file (written by 'hyperrl export --format hrlp')." };

    public static Option<bool> Best() =>
        new("--best") { Description = "Use the policy of the run's best evaluation (RUN/best) instead of the final one." };

    /// <param name="also">What else the seed seeds, as a phrase ("and of --sample"), if anything.</param>
    public static Option<int> EpisodeSeed(string also = "") =>
        new("--seed") { Description = $"Seed of the first episode (episode k uses seed+k){(also.Length > 0 ? " " + also : "")}.", DefaultValueFactory = _ => 1000 };
}
