using System.Globalization;
using HyperRL.Agents.Experiments.Study;
using HyperRL.Agents.Runs;
using ScottPlot;

namespace HyperRL.Cli.Plotting;

/// <summary>A study's figures: the IQM with its 95% CI per split and scheme (final policies), and for each feature the
/// score along its sweep with a band per scheme and the part of the sweep inside the train distribution shaded.</summary>
public static class StudyPlots
{
    public static void Save(StudyPlan plan, StudyAnalysis analysis)
    {
        SaveIqm(plan, analysis);
        if (plan.Spec.SweepPoints > 1)
        {
            foreach (var feature in plan.Spec.Features) SaveAlong(plan, analysis, feature);
        }
    }

    private static string ScoreLabel(StudyPlan plan) => plan.Normalization is null ? "mean return" : "normalized score";

    private static void SaveIqm(StudyPlan plan, StudyAnalysis analysis)
    {
        var plot = new Plot();
        var schemes = plan.Spec.Schemes.Select(s => s.Label).ToList();
        var splits = plan.AggregatedSplits;
        double width = 0.8 / schemes.Count;
        for (int s = 0; s < schemes.Count; s++)
        {
            var color = Colors.Category10[s % 10];
            var xs = new List<double>();
            var ys = new List<double>();
            for (int k = 0; k < splits.Count; k++)
            {
                var score = analysis.Score(StudyResultRow.FinalPolicy, splits[k], schemes[s]);
                double x = k - 0.4 + width * (s + 0.5);
                var ci = plot.Add.Line(x, score.Ci.Low, x, score.Ci.High);
                ci.Color = color;
                ci.LineWidth = 3;
                xs.Add(x);
                ys.Add(score.Iqm);
            }
            var markers = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray());
            markers.Color = color;
            markers.MarkerSize = 10;
            markers.LegendText = schemes[s];
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, splits.Count).Select(k => (double)k).ToArray(), splits.Select(s => s.Replace('_', ' ')).ToArray());
        plot.YLabel(plan.Normalization is null ? "IQM of mean return" : "IQM of normalized score (random 0, solved 1)");
        plot.Title($"{plan.Spec.Env} {plan.Spec.Algo}: IQM, 95% bootstrap CIs, final policies, {plan.Spec.Seeds.Count} seeds");
        plot.ShowLegend(Edge.Right);
        AtomicFile.WriteVia(plan.Layout.IqmPlot, temporary => plot.SavePng(temporary, 1000, 550));
    }

    private static void SaveAlong(StudyPlan plan, StudyAnalysis analysis, ContextFeature feature)
    {
        string split = StudyPoint.SweepSplit(feature.Name);
        var points = plan.Points.Where(p => p.Split == split).OrderBy(p => p.Values[feature.Name]).ToList();
        var plot = new Plot();
        // The part of the sweep inside the train distribution: the boxes that hold the sweep's other feature values
        // (in modes B and C only some do).
        var anchor = points[0].Values;
        var shaded = plan.Protocol.TrainBoxes
            .Where(box => box.Ranges.All(r => r.Key == feature.Name || (anchor[r.Key] >= r.Value.Low && anchor[r.Key] <= r.Value.High)))
            .Select(box => box.Ranges[feature.Name]).Distinct().ToList();
        for (int k = 0; k < shaded.Count; k++)
        {
            var train = plot.Add.HorizontalSpan(shaded[k].Low, shaded[k].High);
            train.FillStyle.Color = Colors.Green.WithAlpha(0.1);
            if (k == 0) train.LegendText = "train distribution";
        }
        double[] xs = points.Select(p => p.Values[feature.Name]).ToArray();
        var schemes = plan.Spec.Schemes.Select(s => s.Label).ToList();
        for (int s = 0; s < schemes.Count; s++)
        {
            var color = Colors.Category10[s % 10];
            var spreads = points.Select(p => analysis.FinalSpread(schemes[s], split, p.Index)).ToList();
            double[] mean = spreads.Select(v => v.Mean).ToArray();
            // The band is mean +- std over seeds, clamped to the seeds' own range so it never shows a score no seed had.
            var band = plot.Add.FillY(xs, spreads.Select(v => Math.Max(v.Min, v.Mean - v.Std)).ToArray(),
                spreads.Select(v => Math.Min(v.Max, v.Mean + v.Std)).ToArray());
            band.FillColor = color.WithAlpha(0.15);
            band.LineColor = Colors.Transparent;
            var line = plot.Add.Scatter(xs, mean);
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = schemes[s];
        }
        var random = points.Select(p => analysis.Rows.First(r => r.Scheme == StudyLayout.RandomScheme && r.Split == split && r.Point == p.Index).Score).ToArray();
        var randomLine = plot.Add.Scatter(xs, random);
        randomLine.Color = Colors.Gray;
        randomLine.LinePattern = LinePattern.Dashed;
        randomLine.MarkerSize = 0;
        randomLine.LegendText = "random policy";
        var others = plan.Spec.Features.Where(f => f.Name != feature.Name).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name}={points[0].Values[f.Name]:G4}"));
        string held = string.Join(", ", others);
        plot.XLabel(feature.Name);
        plot.YLabel($"{ScoreLabel(plan)}, mean +- std over seeds");
        plot.Title($"{plan.Spec.Env} {plan.Spec.Algo}, final policies along {feature.Name}{(held.Length > 0 ? $" ({held})" : "")}");
        plot.ShowLegend(Edge.Right);
        AtomicFile.WriteVia(plan.Layout.AlongPlot(feature.Name), temporary => plot.SavePng(temporary, 1000, 550));
    }
}
