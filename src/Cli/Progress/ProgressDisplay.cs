using Spectre.Console;

namespace HyperRL.Cli.Progress;

/// <summary>Picks the display for where the output goes: live on an interactive terminal, plain lines otherwise.</summary>
public static class ProgressDisplay
{
    public static IProgressDisplay For(TextWriter output, TextWriter errors)
    {
        // Only the process's own terminal: a writer handed in (a test's StringWriter, a file) gets lines.
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
        {
            // Spectre's detection also turns the live display off for TERM=dumb and for known CI environments.
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            if (console.Profile.Capabilities is { Ansi: true, Interactive: true }) return new LiveProgress(console, errors);
        }
        return new PlainProgress(output, errors);
    }
}
