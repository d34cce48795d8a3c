using System.Globalization;
using HyperRL.Agents.Training;

namespace HyperRL.Cli.Progress;

/// <summary>How progress numbers are written, the same in the live display and in plain lines.</summary>
public static class ProgressText
{
    /// <summary>h:mm:ss, or "--:--" when unknown (no rate yet).</summary>
    public static string Duration(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(Math.Round(seconds)).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : "--:--";

    /// <summary>Seconds left at the given rate; NaN without a positive rate.</summary>
    public static double EtaSeconds(long step, long totalSteps, double stepsPerSecond) =>
        stepsPerSecond > 0 ? Math.Max(0, totalSteps - step) / stepsPerSecond : double.NaN;

    public static string Evaluation(long step, EvalResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"eval @ {step:N0}: {r.Label} ({r.DescriptorText}) return {r.MeanReturn:F1} +- {r.StdReturn:F1}");
}
