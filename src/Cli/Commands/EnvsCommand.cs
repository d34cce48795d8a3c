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
                var rows = registration.DescriptorSpec.Parameters.Select(p => (p.Name, Default: Number(p.Default),
                    Range: $"[{Number(p.Min)}, {Number(p.Max)}]", p.Description)).ToList();
                int name = rows.Select(r => r.Name.Length).DefaultIfEmpty().Max();
                int value = rows.Select(r => r.Default.Length).DefaultIfEmpty().Max();
                int range = rows.Select(r => r.Range.Length).DefaultIfEmpty().Max();
                foreach (var r in rows)
                    output.WriteLine($"    {r.Name.PadRight(name)}  default {r.Default.PadRight(value)}  range {r.Range.PadRight(range)}  {r.Description}");
                output.WriteLine();
            }
            return 0;
        });
        return command;
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
