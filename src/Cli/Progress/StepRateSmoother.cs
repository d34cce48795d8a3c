namespace HyperRL.Cli.Progress;

/// <summary>
/// Steps per second over recent training time: an exponential moving average of the rate between consecutive
/// snapshots, each weighted by the training time it covers (weight 1 - exp(-dt / tau)).
/// </summary>
/// <remarks>
/// Not the last update's own rate: one update that ran an evaluation or a checkpoint would swing the display and the
/// ETA. Weighting by time rather than per update makes the smoothing the same whether updates come every 10 ms or
/// every 10 s. The rate between snapshots (not the update's reported one) counts evaluation and checkpoint time, which
/// is what an ETA has to include.
/// </remarks>
public sealed class StepRateSmoother
{
    /// <summary>Long enough that an evaluation pause or a slow update moves the ETA only a little, short enough that a
    /// lasting change of speed shows within a few plain-output lines.</summary>
    public const double DefaultTimeConstantSeconds = 5.0;

    private readonly double _timeConstantSeconds;
    private long _lastStep;
    private double _lastSeconds;
    private bool _anchored;

    public StepRateSmoother(double timeConstantSeconds = DefaultTimeConstantSeconds)
    {
        if (!(timeConstantSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(timeConstantSeconds), timeConstantSeconds, "must be > 0");
        _timeConstantSeconds = timeConstantSeconds;
    }

    /// <summary>NaN until there is a rate to show.</summary>
    public double StepsPerSecond { get; private set; } = double.NaN;

    /// <param name="updateStepsPerSecond">The update's own rate: only used as the first estimate, before there are
    /// two snapshots to take a difference of (a resumed run's first snapshot has no start point in this process).</param>
    public void Observe(long step, double seconds, double updateStepsPerSecond)
    {
        if (!_anchored || step < _lastStep || seconds < _lastSeconds)
        {
            // First snapshot, or the counters went back (a new run): start over.
            _anchored = true;
            _lastStep = step;
            _lastSeconds = seconds;
            StepsPerSecond = double.IsFinite(updateStepsPerSecond) && updateStepsPerSecond > 0 ? updateStepsPerSecond : double.NaN;
            return;
        }
        double dt = seconds - _lastSeconds;
        // No training time passed: keep the anchor so these steps count in the next interval.
        if (dt <= 0) return;
        double rate = (step - _lastStep) / dt;
        StepsPerSecond = double.IsNaN(StepsPerSecond)
            ? rate
            : StepsPerSecond + (1 - Math.Exp(-dt / _timeConstantSeconds)) * (rate - StepsPerSecond);
        _lastStep = step;
        _lastSeconds = seconds;
    }
}
