using System.Runtime.InteropServices;

namespace HyperRL.Cli;

/// <summary>
/// Ctrl-C and SIGTERM (a scheduler, <c>kill</c>) both ask a long command to stop at its next safe point (a resumable
/// checkpoint, not lost work) through one token; the exit code then says which signal it was, as shells report it.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    /// <summary>128 + SIGINT.</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>128 + SIGTERM.</summary>
    public const int TerminatedExitCode = 143;

    private readonly CancellationTokenSource source = new();
    private readonly Action? onStop;
    private readonly ConsoleCancelEventHandler onCancel;
    private readonly PosixSignalRegistration onTerminate;

    /// <param name="onStop">Called once a signal arrives (to tell the user what happens next).</param>
    public StopSignals(Action? onStop = null)
    {
        this.onStop = onStop;
        onCancel = (_, e) =>
        {
            e.Cancel = true;
            Stop(InterruptedExitCode);
        };
        Console.CancelKeyPress += onCancel;
        onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Stop(TerminatedExitCode);
        });
    }

    public CancellationToken Token => source.Token;

    public bool Stopped => source.IsCancellationRequested;

    /// <summary>The exit code for the signal that stopped the command.</summary>
    public int ExitCode { get; private set; } = InterruptedExitCode;

    private void Stop(int code)
    {
        ExitCode = code;
        source.Cancel();
        onStop?.Invoke();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= onCancel;
        onTerminate.Dispose();
        source.Dispose();
    }
}
