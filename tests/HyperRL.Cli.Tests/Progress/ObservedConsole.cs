using Spectre.Console;
using Spectre.Console.Rendering;
using Spectre.Console.Testing;

namespace HyperRL.Cli.Tests.Progress;

/// <summary>
/// A test console that another thread (the live display's) writes to, and that a test can wait on until some text
/// was written: the test then knows what is on screen when it sends the next event, whatever the thread timing.
/// </summary>
internal sealed class ObservedConsole : IAnsiConsole
{
    /// <summary>Only a guard against a display that never draws; a draw takes milliseconds.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TestConsole _inner;
    private readonly object _gate = new();
    private string _output = "";

    public ObservedConsole(TestConsole inner) => _inner = inner;

    public Profile Profile => _inner.Profile;
    public IAnsiConsoleCursor Cursor => _inner.Cursor;
    public IAnsiConsoleInput Input => ((IAnsiConsole)_inner).Input;
    public IExclusivityMode ExclusivityMode => _inner.ExclusivityMode;
    public RenderPipeline Pipeline => _inner.Pipeline;

    /// <summary>Everything written so far, escape sequences included.</summary>
    public string Output
    {
        get
        {
            lock (_gate) return _output;
        }
    }

    public void Clear(bool home) => Observe(() => _inner.Clear(home));

    public void Write(IRenderable renderable) => Observe(() => _inner.Write(renderable));

    public void WriteAnsi(Action<AnsiWriter> action) => Observe(() => _inner.WriteAnsi(action));

    public void WaitFor(string text)
    {
        var deadline = DateTime.UtcNow + Patience;
        lock (_gate)
        {
            while (!_output.Contains(text, StringComparison.Ordinal))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) Assert.Fail($"'{text}' never written; output so far:\n{_output}");
                Monitor.Wait(_gate, left);
            }
        }
    }

    private void Observe(Action write)
    {
        lock (_gate)
        {
            write();
            _output = _inner.Output;
            Monitor.PulseAll(_gate);
        }
    }
}
