using HyperRL.Agents.Experiments;
using ScottPlot;

namespace HyperRL.Cli.Plotting;

/// <summary>
/// Draws grouped learning curves to a PNG with ScottPlot: a solid mean line and a shaded band where all runs of a
/// group have data, a dashed lighter line where only some do.
/// </summary>
public static class LearningCurvePlot
{
    public static void Save(IReadOnlyList<AggregatedCurve> groups, string path, string metric, CurveAxis x, CurveBand band, ImageSize size, string? title)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var color = palette.GetColor(g);
            if (group.Full is { } full)
            {
                if (group.Runs > 1)
                {
                    var (low, high) = full.Band(band);
                    var fill = plot.Add.FillY(full.X, low, high);
                    fill.FillColor = color.WithAlpha(0.2);
                    fill.LineColor = Colors.Transparent;
                }
                var line = plot.Add.Scatter(full.X, full.Mean);
                line.Color = color;
                line.LineWidth = 2;
                // A stretch of one x (all runs share only that point) would not show as a line.
                line.MarkerSize = full.X.Length == 1 ? 7 : 0;
                line.LegendText = group.Runs > 1 ? $"{group.Label} (mean of {group.Runs}, {BandName(band)} band)" : group.Label;
            }
            bool labelled = false;
            foreach (var part in group.Partial)
            {
                var line = plot.Add.Scatter(part.X, part.Mean);
                line.Color = color.WithAlpha(0.6);
                line.LineWidth = 2;
                line.LinePattern = LinePattern.Dashed;
                line.MarkerSize = part.X.Length == 1 ? 7 : 0;
                // One legend entry per group: runs ending a few steps apart leave many short stretches, each with its own
                // run count (the console lists them).
                if (!labelled) line.LegendText = $"{group.Label} (dashed: fewer than {group.Runs} runs)";
                labelled = true;
            }
        }
        plot.XLabel(AxisName(x));
        plot.YLabel(metric.Replace('_', ' '));
        plot.Title(title ?? $"{metric.Replace('_', ' ')} vs {AxisName(x)}");
        // Beside the data area, so no curve is hidden under it.
        plot.ShowLegend(Edge.Right);
        HyperRL.Agents.Runs.AtomicFile.WriteVia(path, temporary => plot.SavePng(temporary, size.Width, size.Height));
    }

    public static string AxisName(CurveAxis x) => x == CurveAxis.Steps ? "env steps" : "seconds";

    private static string BandName(CurveBand band) => band == CurveBand.Std ? "std" : "min-max";
}
