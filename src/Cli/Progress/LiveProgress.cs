using HyperRL.Agents.Training;
using Spectre.Console;

namespace HyperRL.Cli.Progress;

/// <summary>
/// Progress on an interactive terminal: a Spectre.Console live display (<see cref="ProgressView"/>) drawn by a
/// thread of its own, with evaluation lines and notices printed above it. One instance per training run: it starts
/// at the first update and <see cref="Dispose"/> stops it, leaving the final frame on screen.
/// </summary>
/// <remarks>
/// The training thread calls <see cref="OnProgress"/> after every update, thousands of times a run: it only folds the
/// snapshot into the smoother and stores it, under a lock that the display thread only takes to copy a few fields,
/// and never renders or allocates. The display thread wakes every <see cref="RefreshInterval"/> (sooner for a line to
/// print) and redraws only when there is a new snapshot. Everything that writes to the console while the display is up goes through that thread:
/// Spectre's live display is not safe to write to from two threads (its render hook and a refresh take the same two
/// locks in opposite orders).
/// </remarks>
public sealed class LiveProgress : IProgressDisplay
{
    /// <summary>5 frames a second: a bar that moves smoothly, for a negligible share of a core.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(200);

    private readonly IAnsiConsole _console;
    private readonly TextWriter _errors;
    private readonly object _gate = new();
    private readonly StepRateSmoother _rate = new();
    private readonly Queue<string> _lines = new();
    private readonly AutoResetEvent _wake = new(false);
    private TrainingSnapshot? _latest;
    private double _latestRate = double.NaN;
    private Thread? _thread;
    private bool _stopping;
    private bool _finished;
    private Exception? _failure;

    /// <param name="console">A console whose profile says it is interactive and understands ANSI.</param>
    /// <param name="errors">Where a failure of the display itself is reported, once, when it stops.</param>
    public LiveProgress(IAnsiConsole console, TextWriter errors)
    {
        _console = console;
        _errors = errors;
    }

    public void OnProgress(TrainingSnapshot snapshot)
    {
        lock (_gate)
        {
            _rate.Observe(snapshot.Step, snapshot.Seconds, snapshot.StepsPerSecond);
            _latest = snapshot;
            _latestRate = _rate.StepsPerSecond;
            if (_thread is null && !_stopping) Start();
        }
    }

    public void OnEvaluation(long step, IReadOnlyList<EvalResult> results)
    {
        foreach (var r in results) Print(ProgressText.Evaluation(step, r));
    }

    public void Notice(string message) => Print(message);

    public void Dispose()
    {
        Thread? thread;
        lock (_gate)
        {
            if (_stopping) return;
            _stopping = true;
            thread = _thread;
            if (thread is null) _finished = true;
        }
        if (thread is not null)
        {
            _wake.Set();
            thread.Join();
        }
        _wake.Dispose();
        if (_failure is { } e) _errors.WriteLine($"warning: the progress display failed ({e.GetType().Name}: {e.Message}); training went on without it");
    }

    private void Print(string line)
    {
        lock (_gate)
        {
            if (_thread is not null && !_finished)
            {
                _lines.Enqueue(line);
                _wake.Set();
                return;
            }
            // No display up (none yet, or it is gone): a plain line, under the lock so that none starts meanwhile.
            _console.Write(new LineAboveDisplay(line));
        }
    }

    private void Start()
    {
        _thread = new Thread(Draw) { IsBackground = true, Name = "progress display" };
        _thread.Start();
    }

    private void Draw()
    {
        try
        {
            _console.Live(new ProgressView(null, double.NaN))
                .AutoClear(false)
                // Taller than the terminal (a tiny window): show the bottom, where the numbers are, not a scrolled mess.
                .Overflow(VerticalOverflow.Crop).Cropping(VerticalOverflowCropping.Top)
                .Start(DrawFrames);
        }
        catch (Exception e)
        {
            _failure = e;
        }
        finally
        {
            // Lines that came while the display was being torn down (or after it failed).
            lock (_gate)
            {
                foreach (string line in _lines)
                {
                    if (_failure is null) _console.Write(new LineAboveDisplay(line));
                    else _errors.WriteLine(line);
                }
                _lines.Clear();
                _finished = true;
            }
        }
    }

    private void DrawFrames(LiveDisplayContext context)
    {
        TrainingSnapshot? drawn = null;
        var pending = new List<string>();
        while (true)
        {
            TrainingSnapshot? latest;
            double rate;
            bool stopping;
            lock (_gate)
            {
                pending.AddRange(_lines);
                _lines.Clear();
                latest = _latest;
                rate = _latestRate;
                stopping = _stopping;
            }
            // Spectre prints each line above the display and redraws the display under it.
            foreach (string line in pending) _console.Write(new LineAboveDisplay(line));
            if (!ReferenceEquals(latest, drawn))
            {
                context.UpdateTarget(new ProgressView(latest, rate));
                drawn = latest;
            }
            pending.Clear();
            if (stopping) return;
            _wake.WaitOne(RefreshInterval);
        }
    }
}
