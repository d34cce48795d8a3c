using ScottPlot;

namespace HyperRL.Cli.Plotting;

/// <summary>Draws grouped learning curves (mean line, shaded band across seeds) to a PNG with ScottPlot.</summary>
public static class LearningCurvePlot
{
    public static void Save(IReadOnlyList<AggregatedCurve> groups, string path, string metric, string xAxis, string band, int width, int height, string? title)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var color = palette.GetColor(g);
            if (group.Runs > 1)
            {
                double[] low = band == "std" ? group.Mean.Zip(group.Std, (m, s) => m - s).ToArray() : group.Min;
                double[] high = band == "std" ? group.Mean.Zip(group.Std, (m, s) => m + s).ToArray() : group.Max;
                var fill = plot.Add.FillY(group.X, low, high);
                fill.FillColor = color.WithAlpha(0.2);
                fill.LineColor = Colors.Transparent;
            }
            var line = plot.Add.Scatter(group.X, group.Mean);
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = group.Runs > 1 ? $"{group.Label} (mean of {group.Runs}, {band} band)" : group.Label;
        }
        plot.XLabel(xAxis == "steps" ? "env steps" : "seconds");
        plot.YLabel(metric.Replace('_', ' '));
        plot.Title(title ?? $"{metric.Replace('_', ' ')} vs {(xAxis == "steps" ? "env steps" : "seconds")}");
        plot.ShowLegend(Alignment.LowerRight);
        HyperRL.Agents.Training.AtomicFile.WriteVia(path, temporary => plot.SavePng(temporary, width, height));
    }
}
