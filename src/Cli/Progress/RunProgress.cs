using HyperRL.Agents.Training;

namespace HyperRL.Cli.Progress;

/// <summary>
/// The progress displays of a <c>train</c> command: a fresh one for each run (each seed gets its own bar), stopped
/// when the run returns or throws, before anything else is printed; and notices from other threads (Ctrl-C)
/// routed through the display that is up, so that a live display on the terminal is not broken by a line written
/// under it.
/// </summary>
public sealed class RunProgress
{
    private readonly Func<IProgressDisplay?> _createDisplay;
    private readonly TextWriter _errors;
    private IProgressDisplay? _current;

    /// <param name="createDisplay">A new display for a run; null for none (--quiet).</param>
    /// <param name="errors">Where notices go while no display is up.</param>
    public RunProgress(Func<IProgressDisplay?> createDisplay, TextWriter errors)
    {
        _createDisplay = createDisplay;
        _errors = errors;
    }

    public T Run<T>(Func<ITrainingProgress?, T> train)
    {
        var display = _createDisplay();
        Volatile.Write(ref _current, display);
        try
        {
            return train(display);
        }
        finally
        {
            // Stopped before it is let go: a notice that reaches it in between is printed as a plain line.
            display?.Dispose();
            Volatile.Write(ref _current, null);
        }
    }

    /// <summary>Safe from any thread.</summary>
    public void Notice(string message)
    {
        if (Volatile.Read(ref _current) is { } display) display.Notice(message);
        else _errors.WriteLine(message);
    }
}
