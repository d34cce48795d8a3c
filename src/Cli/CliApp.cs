using System.CommandLine;
using HyperRL.Cli.Commands;

namespace HyperRL.Cli;

/// <summary>The <c>hyperrl</c> command tree, with one error policy for every command: bad input is one line
/// <c>error: ...</c> and exit code 2, never a stack trace.</summary>
public static class CliApp
{
    public const int UsageErrorExitCode = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("HyperRL: reinforcement learning with hypernetwork-generated policies.\n\n" +
                                   "Examples:\n  hyperrl train --env CartPole-v1 --algo ppo\n  hyperrl plot runs/CartPole-v1-ppo-hyper-s1 --out curve.png\n" +
                                   "  hyperrl eval runs/CartPole-v1-ppo-hyper-s1 --grid pole_length=0.2:1.2:11\n  hyperrl render runs/CartPole-v1-ppo-hyper-s1\n" +
                                   "  hyperrl export runs/CartPole-v1-ppo-hyper-s1 --out policy.onnx\n" +
                                   "  hyperrl summary runs --threshold 475\n  hyperrl study study.json --out runs/study --jobs 2\n  hyperrl envs\n  hyperrl bench envs");
        root.Subcommands.Add(TrainCommand.Create(output));
        root.Subcommands.Add(EvalCommand.Create(output));
        root.Subcommands.Add(PlotCommand.Create(output, error));
        root.Subcommands.Add(RenderCommand.Create(output));
        root.Subcommands.Add(ExportCommand.Create(output));
        root.Subcommands.Add(ArchCommand.Create(output));
        root.Subcommands.Add(SummaryCommand.Create(output));
        root.Subcommands.Add(StudyCommand.Create(output));
        root.Subcommands.Add(EnvsCommand.Create(output));
        root.Subcommands.Add(RandomCommand.Create(output));
        root.Subcommands.Add(BenchCommand.Create(output));
        root.Subcommands.Add(WorkerCommand.Create(output));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // A typo'd command also reports "Required command was not provided": the unrecognized token says more.
            var first = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal)) ?? parsed.Errors[0];
            string message = parsed.CommandResult.Command == root && first.Message.StartsWith("Unrecognized", StringComparison.Ordinal)
                ? $"{UserError.ParseError(first.Message).TrimEnd('.')}; commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}"
                : UserError.ParseError(first.Message);
            error.WriteLine($"error: {message} (see --help)");
            return UsageErrorExitCode;
        }
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return parsed.Invoke(configuration);
        }
        catch (Exception e) when (UserError.IsUserFacing(e))
        {
            error.WriteLine($"error: {UserError.Describe(e)}");
            return UsageErrorExitCode;
        }
    }
}
