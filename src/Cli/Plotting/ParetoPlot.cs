using HyperRL.Agents.Experiments.Architectures;
using HyperRL.Agents.Runs;
using ScottPlot;

namespace HyperRL.Cli.Plotting;

/// <summary>Mean return against the actor's parameter count (log axis), one colour per descriptor set (training
/// descriptors; held-out points averaged), each set's Pareto front drawn as a line through its points.</summary>
public static class ParetoPlot
{
    public static void Save(IReadOnlyList<ArchitectureResult> results, IReadOnlyList<(string Label, double[] Scores)> sets, string path, string title)
    {
        var plot = new Plot();
        var parameters = results.Select(result => result.Parameters).ToArray();
        var xs = parameters.Select(p => Math.Log10(p)).ToArray();
        var palette = new[] { Colors.C0, Colors.C1, Colors.C2, Colors.C3 };
        for (var s = 0; s < sets.Count; s++)
        {
            var (label, scores) = sets[s];
            var color = palette[s % palette.Length];
            var all = plot.Add.ScatterPoints(xs, scores);
            all.Color = color.WithAlpha(0.45);
            all.MarkerSize = 6;
            all.LegendText = $"{label}: every architecture";
            var front = ParetoFront.Of(parameters, scores);
            var line = plot.Add.Scatter(front.Select(i => xs[i]).ToArray(), front.Select(i => scores[i]).ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 9;
            line.LegendText = $"{label}: Pareto front";
            if (s == 0)
                foreach (var i in front)
                {
                    var text = plot.Add.Text(results[i].Name, xs[i], scores[i]);
                    text.LabelFontSize = 11;
                    text.LabelFontColor = color;
                    text.LabelAlignment = Alignment.LowerCenter;
                    text.OffsetY = -8;
                }
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = x => Math.Pow(10, x).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
        };
        plot.Axes.Margins(horizontal: 0.05, vertical: 0.12); // room for the front's labels above the best returns
        plot.XLabel("actor parameters (log scale)");
        plot.YLabel("mean return (deterministic)");
        plot.Title(title);
        plot.ShowLegend(Edge.Right);
        AtomicFile.WriteVia(path, temporary => plot.SavePng(temporary, 1100, 600));
    }
}
