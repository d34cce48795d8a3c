using System.Globalization;
using System.Text;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>report.md: per split the IQM of every scheme with its CI (final and best policy), the probability of
/// improvement of each scheme over each other, and a per-point table, because an IQM hides collapses that affect a
/// minority of runs.</summary>
internal static class StudyReport
{
    public static string Markdown(StudyPlan plan, StudyAnalysis analysis)
    {
        var spec = plan.Spec;
        var schemes = spec.Schemes.Select(s => s.Label).ToList();
        var text = new StringBuilder();
        text.AppendLine(Invariant($"# Study: {spec.Env}, {spec.Algo}, {plan.Jobs[0].Config.TotalSteps} steps, protocol {spec.Protocol}"));
        text.AppendLine();
        text.AppendLine(Invariant($"- Schemes: {string.Join(", ", schemes)}; seeds: {string.Join(", ", spec.Seeds)}; {spec.Episodes} episodes per point and policy."));
        foreach (var f in spec.Features)
            text.AppendLine(Invariant($"- {f.Name}: lower {f.Lower:G4}, lower constraint {f.LowerConstraint:G4}, mid {f.Mid:G4}, upper {f.Upper:G4}."));
        text.AppendLine("- Train distribution (equally weighted boxes): " + string.Join("; ", plan.Protocol.TrainBoxes.Select(b =>
            string.Join(", ", b.Ranges.Select(r => Invariant($"{r.Key} in [{r.Value.Low:G4}, {r.Value.High:G4}]"))))) + ".");
        text.AppendLine(plan.Normalization is { } n
            ? Invariant($"- Scores are normalized: (return - random) / ({n.Solved:G4} - random), random = {(n.Random is double r ? r.ToString("G4", CultureInfo.InvariantCulture) : "the random policy's mean return at the point")}.")
            : "- Scores are mean returns over the episodes.");
        text.AppendLine(Invariant($"- IQM over (run, point) scores; 95% CIs by stratified bootstrap ({StudyAnalysis.Resamples} resamples); P(X > Y) averaged over points."));
        text.AppendLine("- Runs never saw an evaluation point: their periodic evaluations, which pick the best policy, use the train distribution.");
        foreach (var split in plan.AggregatedSplits)
        {
            text.AppendLine();
            text.AppendLine($"## {split}");
            text.AppendLine();
            text.AppendLine("| scheme | IQM final [95% CI] | IQM best [95% CI] |");
            text.AppendLine("|---|---|---|");
            foreach (var scheme in schemes)
            {
                var final = analysis.Score(StudyResultRow.FinalPolicy, split, scheme);
                var best = analysis.Score(StudyResultRow.BestPolicy, split, scheme);
                text.AppendLine($"| {scheme} | {Interval(final)} | {Interval(best)} |");
            }
            if (schemes.Count > 1)
            {
                text.AppendLine();
                text.AppendLine("P(row > column), final policies [95% CI]:");
                text.AppendLine();
                text.AppendLine("| | " + string.Join(" | ", schemes) + " |");
                text.AppendLine("|---|" + string.Concat(schemes.Select(_ => "---|")));
                foreach (var x in schemes)
                {
                    text.AppendLine($"| {x} | " + string.Join(" | ", schemes.Select(y => y == x ? "" : Probability(analysis.ImprovementOf(StudyResultRow.FinalPolicy, split, x, y)))) + " |");
                }
            }
            PointTable(text, plan, analysis, split, schemes);
        }
        foreach (var feature in spec.Features.Where(_ => spec.SweepPoints > 0))
        {
            text.AppendLine();
            text.AppendLine($"## Sweep along {feature.Name}");
            PointTable(text, plan, analysis, StudyPoint.SweepSplit(feature.Name), schemes);
        }
        return text.ToString();
    }

    /// <summary>Per point: each scheme's mean score over seeds with its standard deviation and its worst seed, final policies.</summary>
    private static void PointTable(StringBuilder text, StudyPlan plan, StudyAnalysis analysis, string split, IReadOnlyList<string> schemes)
    {
        var features = plan.FeatureNames;
        text.AppendLine();
        text.AppendLine("Per point, final policies: mean +- std over seeds (worst seed); random policy:");
        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", features) + " | " + string.Join(" | ", schemes) + " | random |");
        text.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", features.Count + schemes.Count + 1)));
        foreach (var point in plan.Points.Where(p => p.Split == split))
        {
            var cells = features.Select(f => point.Values[f].ToString("G4", CultureInfo.InvariantCulture)).ToList();
            foreach (var scheme in schemes)
            {
                var spread = analysis.FinalSpread(scheme, split, point.Index);
                cells.Add(Invariant($"{spread.Mean:G4} +- {spread.Std:G3} ({spread.Min:G4})"));
            }
            var random = analysis.Rows.FirstOrDefault(r => r.Scheme == StudyLayout.RandomScheme && r.Split == split && r.Point == point.Index);
            cells.Add(random is null ? "" : random.Score.ToString("G4", CultureInfo.InvariantCulture));
            text.AppendLine("| " + string.Join(" | ", cells) + " |");
        }
    }

    private static string Interval(SchemeScore score) => Invariant($"{score.Iqm:G4} [{score.Ci.Low:G4}, {score.Ci.High:G4}]");

    private static string Probability(Improvement improvement) =>
        Invariant($"{improvement.Probability:F2} [{improvement.Ci.Low:F2}, {improvement.Ci.High:F2}]");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
