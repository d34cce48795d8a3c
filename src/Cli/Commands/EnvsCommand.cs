using System.CommandLine;
using System.Globalization;
using HyperRL.Envs.Registry;

namespace HyperRL.Cli.Commands;

/// <summary><c>hyperrl envs</c>: ids, spaces, time limits and descriptor parameters.</summary>
public static class EnvsCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("envs", "List the environments: ids, spaces, time limits, descriptor parameters with defaults and ranges.\n\nExample:\n  hyperrl envs");
        command.SetAction(_ =>
        {
            foreach (var registration in EnvRegistry.All)
            {
                var env = registration.Create(Envs.Core.EnvOptions.Default);
                output.WriteLine($"{registration.Id}  ({registration.Summary})");
                output.WriteLine($"  observation: {env.ObservationSpace}");
                output.WriteLine($"  action:      {env.ActionSpace}{(registration.SupportsContinuous ? "  (continuous mode available)" : "")}");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  time limit:  {registration.MaxEpisodeSteps} steps{(registration.RewardThreshold is double t ? $", solved at return {t}" : "")}"));
                output.WriteLine($"  descriptor ({registration.DescriptorSpec.Family}):");
                foreach (var p in registration.DescriptorSpec.Parameters)
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {p.Name,-20} default {p.Default,-8:G6} range [{p.Min:G6}, {p.Max:G6}]  {p.Description}"));
                output.WriteLine();
            }
            return 0;
        });
        return command;
    }
}
