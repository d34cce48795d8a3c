using System.Globalization;
using HyperRL.Agents.Training;

namespace HyperRL.Cli;

/// <summary>
/// Training progress: a single live line on a terminal (steps, steps/s, episodes, recent return, ETA), plain
/// periodic lines when output is redirected (CI, log files).
/// </summary>
public sealed class ConsoleProgress : ITrainingProgress
{
    private readonly TextWriter _output;
    private readonly bool _live;
    private double _lastPrinted = double.NegativeInfinity;

    public ConsoleProgress(TextWriter output)
    {
        _output = output;
        _live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    }

    public void OnProgress(TrainingSnapshot s)
    {
        double interval = _live ? 0.2 : 5.0;
        if (s.Seconds - _lastPrinted < interval && s.Step < s.TotalSteps) return;
        _lastPrinted = s.Seconds;
        double fraction = Math.Clamp((double)s.Step / s.TotalSteps, 0, 1);
        double eta = s.StepsPerSecond > 0 ? (s.TotalSteps - s.Step) / s.StepsPerSecond : double.NaN;
        string text = string.Create(CultureInfo.InvariantCulture,
            $"{s.Step,10:N0}/{s.TotalSteps:N0} steps  {s.StepsPerSecond,8:N0} steps/s  {s.Episodes,6} episodes  return(20) {s.RecentMeanReturn,8:F1}  ETA {FormatSeconds(eta)}");
        if (_live)
        {
            int width = 24;
            int filled = (int)(fraction * width);
            _output.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {text} ");
            if (s.Step >= s.TotalSteps) _output.WriteLine();
        }
        else
        {
            _output.WriteLine(text);
        }
    }

    public void OnEvaluation(long step, IReadOnlyList<EvalResult> results)
    {
        if (_live) _output.WriteLine();
        foreach (var r in results)
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"eval @ {step:N0}: {r.Label} ({r.DescriptorText}) return {r.MeanReturn:F1} +- {r.StdReturn:F1}"));
    }

    private static string FormatSeconds(double seconds) =>
        double.IsFinite(seconds) ? TimeSpan.FromSeconds(Math.Round(seconds)).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : "--:--";
}
