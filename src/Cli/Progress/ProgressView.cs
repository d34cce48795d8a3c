using System.Globalization;
using HyperRL.Agents.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HyperRL.Cli.Progress;

/// <summary>
/// One frame of the live display: a bar with the percentage, then steps, smoothed steps/s, elapsed training time,
/// ETA, episodes and recent mean return, packed into as few lines as the width allows (one line on a wide terminal,
/// four at 40 columns). No line is ever wider than the width it is rendered at: a line the terminal wrapped by itself
/// would put the live display's cursor arithmetic one line off and leave stale lines behind.
/// </summary>
public sealed class ProgressView : IRenderable
{
    private const int MaxBarWidth = 40;
    private const string Separator = "  ";
    private static readonly Style Done = new(Color.Green);
    private static readonly Style Running = new(Color.Yellow);
    private static readonly Style Remaining = new(Color.Grey);
    private static readonly Style Percent = new(decoration: Decoration.Bold);

    private readonly TrainingSnapshot? _snapshot;
    private readonly double _stepsPerSecond;

    /// <param name="snapshot">Null before the first update.</param>
    /// <param name="stepsPerSecond">Smoothed (see <see cref="StepRateSmoother"/>); NaN when not known yet.</param>
    public ProgressView(TrainingSnapshot? snapshot, double stepsPerSecond)
    {
        _snapshot = snapshot;
        _stepsPerSecond = stepsPerSecond;
    }

    public Measurement Measure(RenderOptions options, int maxWidth)
    {
        var lines = Layout(options, int.MaxValue);
        int widest = lines.Max(Segment.CellCount);
        return new Measurement(Math.Min(maxWidth, Math.Min(widest, MaxBarWidth)), Math.Min(maxWidth, widest));
    }

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        var lines = Layout(options, Math.Max(1, maxWidth));
        for (int k = 0; k < lines.Count; k++)
        {
            if (k > 0) yield return Segment.LineBreak;
            foreach (var segment in lines[k]) yield return segment;
        }
    }

    private List<List<Segment>> Layout(RenderOptions options, int maxWidth)
    {
        if (_snapshot is not { } s) return [Segment.Truncate([new Segment("waiting for the first update ...")], maxWidth)];

        double fraction = s.TotalSteps > 0 ? Math.Clamp((double)s.Step / s.TotalSteps, 0, 1) : 0;
        bool finished = s.Step >= s.TotalSteps;
        var lines = new List<List<Segment>> { Bar(options, fraction, finished, maxWidth) };
        int width = Segment.CellCount(lines[0]);
        foreach (string field in Fields(s))
        {
            int cells = new Segment(field).CellCount();
            if (width + Separator.Length + cells <= maxWidth)
            {
                lines[^1].Add(new Segment(Separator + field));
                width += Separator.Length + cells;
            }
            else
            {
                lines.Add(Segment.Truncate([new Segment(field)], maxWidth));
                width = Math.Min(cells, maxWidth);
            }
        }
        return lines;
    }

    private static List<Segment> Bar(RenderOptions options, double fraction, bool finished, int maxWidth)
    {
        // Floor, not round: 100% and a full bar only once every step is done.
        int percent = finished ? 100 : Math.Min(99, (int)Math.Floor(fraction * 100));
        string percentText = string.Create(CultureInfo.InvariantCulture, $"{percent,3}%");
        int barWidth = Math.Clamp(maxWidth - percentText.Length - 1, 1, MaxBarWidth);
        int filled = finished ? barWidth : Math.Min(barWidth - 1, (int)Math.Floor(fraction * barWidth));
        // Two different characters, not only two colours: the bar still reads without colour (NO_COLOR).
        char full = options.Unicode ? '━' : '#';
        char empty = options.Unicode ? '─' : '-';
        var bar = new List<Segment>();
        if (filled > 0) bar.Add(new Segment(new string(full, filled), finished ? Done : Running));
        if (barWidth - filled > 0) bar.Add(new Segment(new string(empty, barWidth - filled), Remaining));
        bar.Add(new Segment(" "));
        bar.Add(new Segment(percentText, Percent));
        return Segment.Truncate(bar, maxWidth);
    }

    private IEnumerable<string> Fields(TrainingSnapshot s)
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Create(c, $"{s.Step:N0}/{s.TotalSteps:N0} steps");
        yield return double.IsFinite(_stepsPerSecond) ? string.Create(c, $"{_stepsPerSecond:N0} steps/s") : "-- steps/s";
        yield return $"elapsed {ProgressText.Duration(s.Seconds)}";
        yield return $"ETA {ProgressText.Duration(ProgressText.EtaSeconds(s.Step, s.TotalSteps, _stepsPerSecond))}";
        yield return string.Create(c, $"{s.Episodes:N0} episodes");
        yield return double.IsFinite(s.RecentMeanReturn) ? string.Create(c, $"return(20) {s.RecentMeanReturn:F1}") : "return(20) --";
    }
}
