using System.Globalization;
using HyperRL.Agents.Training;

namespace HyperRL.Cli.Progress;

/// <summary>
/// Progress for output that is not a terminal (redirected, CI, log files): one line every
/// <see cref="IntervalSeconds"/> of training time, the first update's and the last one's, and evaluation lines.
/// </summary>
public sealed class PlainProgress : IProgressDisplay
{
    public const double IntervalSeconds = 5.0;
    private readonly TextWriter _output;
    private readonly TextWriter _notices;
    private readonly StepRateSmoother _rate = new();
    private double _lastPrinted = double.NegativeInfinity;

    public PlainProgress(TextWriter output, TextWriter notices)
    {
        _output = output;
        _notices = notices;
    }

    public void OnProgress(TrainingSnapshot s)
    {
        _rate.Observe(s.Step, s.Seconds, s.StepsPerSecond);
        if (s.Seconds - _lastPrinted < IntervalSeconds && s.Step < s.TotalSteps) return;
        _lastPrinted = s.Seconds;
        double rate = _rate.StepsPerSecond;
        double eta = ProgressText.EtaSeconds(s.Step, s.TotalSteps, rate);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{s.Step,10:N0}/{s.TotalSteps:N0} steps  {rate,8:N0} steps/s  {s.Episodes,6} episodes  return(20) {s.RecentMeanReturn,8:F1}  ETA {ProgressText.Duration(eta)}"));
    }

    public void OnEvaluation(long step, IReadOnlyList<EvalResult> results)
    {
        foreach (var r in results) _output.WriteLine(ProgressText.Evaluation(step, r));
    }

    public void Notice(string message) => _notices.WriteLine(message);

    public void Dispose()
    {
    }
}
