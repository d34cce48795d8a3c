using HyperRL.Agents.Experiments;
using ScottPlot;

namespace HyperRL.Cli.Plotting;

/// <summary>Draws grouped learning curves (mean line, shaded band across seeds) to a PNG with ScottPlot.</summary>
public static class LearningCurvePlot
{
    /// <param name="stdBand">Shade mean +- std across a group's runs instead of min to max.</param>
    public static void Save(IReadOnlyList<AggregatedCurve> groups, string path, string metric, CurveAxis x, bool stdBand, ImageSize size, string? title)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var color = palette.GetColor(g);
            if (group.Runs > 1)
            {
                double[] low = stdBand ? group.Mean.Zip(group.Std, (m, s) => m - s).ToArray() : group.Min;
                double[] high = stdBand ? group.Mean.Zip(group.Std, (m, s) => m + s).ToArray() : group.Max;
                var fill = plot.Add.FillY(group.X, low, high);
                fill.FillColor = color.WithAlpha(0.2);
                fill.LineColor = Colors.Transparent;
            }
            var line = plot.Add.Scatter(group.X, group.Mean);
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = group.Runs > 1 ? $"{group.Label} (mean of {group.Runs}, {(stdBand ? "std" : "min-max")} band)" : group.Label;
        }
        string xLabel = x == CurveAxis.Steps ? "env steps" : "seconds";
        plot.XLabel(xLabel);
        plot.YLabel(metric.Replace('_', ' '));
        plot.Title(title ?? $"{metric.Replace('_', ' ')} vs {xLabel}");
        plot.ShowLegend(Alignment.LowerRight);
        HyperRL.Agents.Runs.AtomicFile.WriteVia(path, temporary => plot.SavePng(temporary, size.Width, size.Height));
    }
}
