using System.Globalization;
using HyperRL.Agents.Config;
using HyperRL.Agents.Experiments;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;
using ScottPlot;

namespace HyperRL.Cli.Plotting;

/// <summary>Return across descriptor values: a curve with a std band for one swept parameter, a heatmap for two.</summary>
public static class GeneralizationPlot
{
    public static void Save(IReadOnlyList<GridSweep> sweeps, IReadOnlyList<(IReadOnlyDictionary<string, double> Point, EvalResult Result)> results,
        string path, TrainConfig config)
    {
        var plot = new Plot();
        if (sweeps.Count == 1)
        {
            var sweep = sweeps[0];
            double[] xs = results.Select(r => r.Point[sweep.Name]).ToArray();
            double[] mean = results.Select(r => r.Result.MeanReturn).ToArray();
            // Clamped into the returns' own range: mean +- std can pass every return an episode had (a CartPole return
            // above 500), stretching the axis past what the env can give.
            double[] low = results.Select(r => Math.Max(r.Result.Returns.Min(), r.Result.MeanReturn - r.Result.StdReturn)).ToArray();
            double[] high = results.Select(r => Math.Min(r.Result.Returns.Max(), r.Result.MeanReturn + r.Result.StdReturn)).ToArray();
            var band = plot.Add.FillY(xs, low, high);
            band.FillColor = Colors.C0.WithAlpha(0.2);
            band.LineColor = Colors.Transparent;
            var line = plot.Add.Scatter(xs, mean);
            line.Color = Colors.C0;
            line.LineWidth = 2;
            line.MarkerSize = 7; // the evaluated grid values, so the line between them is not read as measured
            line.LegendText = "mean return +- std";
            // A union-of-boxes region shows as each box's extent along the swept parameter, overlapping spans darker.
            var trainRanges = config.Randomize.TryGetValue(sweep.Name, out string? range)
                ? [range]
                : config.RandomizeBoxes.Where(box => box.ContainsKey(sweep.Name)).Select(box => box[sweep.Name]).ToList();
            for (int k = 0; k < trainRanges.Count; k++)
            {
                var trainRange = Envs.Descriptors.ParameterRange.Parse(trainRanges[k]);
                var span = plot.Add.HorizontalSpan(trainRange.Low, trainRange.High);
                span.FillStyle.Color = Colors.Green.WithAlpha(0.1);
                if (k == 0) span.LegendText = "train range";
            }
            plot.XLabel(sweep.Name);
            plot.YLabel("return");
            plot.ShowLegend(Edge.Right);
        }
        else
        {
            var (a, b) = (sweeps[0], sweeps[1]);
            var values = new double[b.Count, a.Count];
            for (int i = 0; i < results.Count; i++) values[b.Count - 1 - i % b.Count, i / b.Count] = results[i].Result.MeanReturn;
            var heatmap = plot.Add.Heatmap(values);
            // Extent names the centres of the corner cells, so each cell is centred on its grid value, as are the ticks.
            heatmap.Extent = new CoordinateRect(a.Low, a.High, b.Low, b.High);
            plot.Add.ColorBar(heatmap).Label = "mean return";
            plot.Axes.Bottom.SetTicks(a.Values, TickLabels(a.Values));
            plot.Axes.Left.SetTicks(b.Values, TickLabels(b.Values));
            plot.XLabel(a.Name);
            plot.YLabel(b.Name);
        }
        plot.Title($"{config.Env} {config.Algo} ({RunLabels.Conditioning(config)}): return across descriptors");
        AtomicFile.WriteVia(path, temporary => plot.SavePng(temporary, 900, 550));
    }

    /// <summary>A tick on every grid value, a label on at most about a dozen of them so the labels do not overlap.</summary>
    private static string[] TickLabels(double[] values)
    {
        const int maxLabels = 12;
        int stride = (values.Length + maxLabels - 1) / maxLabels;
        return values.Select((v, i) => i % stride == 0 ? v.ToString("G4", CultureInfo.InvariantCulture) : "").ToArray();
    }
}
