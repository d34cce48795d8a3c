using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>summary.json: the study's setting and its aggregates, for scripts and for comparing studies.</summary>
internal static class StudySummary
{
    public static string Json(StudyPlan plan, StudyAnalysis analysis)
    {
        var spec = plan.Spec;
        var splits = new JObject();
        foreach (var split in plan.AggregatedSplits)
        {
            var byPolicy = new JObject();
            foreach (var policy in new[] { StudyResultRow.FinalPolicy, StudyResultRow.BestPolicy })
            {
                var schemes = new JObject();
                foreach (var score in analysis.Scores.Where(s => s.Split == split && s.Policy == policy))
                {
                    schemes[score.Scheme] = new JObject
                    {
                        ["iqm"] = score.Iqm, ["ciLow"] = score.Ci.Low, ["ciHigh"] = score.Ci.High, ["runs"] = score.Runs, ["points"] = score.Points,
                    };
                }
                var improvement = new JArray(analysis.Improvements.Where(i => i.Split == split && i.Policy == policy).Select(i => new JObject
                {
                    ["x"] = i.X, ["y"] = i.Y, ["probability"] = i.Probability, ["ciLow"] = i.Ci.Low, ["ciHigh"] = i.Ci.High,
                }));
                byPolicy[policy] = new JObject { ["schemes"] = schemes, ["probabilityOfImprovement"] = improvement };
            }
            splits[split] = byPolicy;
        }
        var document = new JObject
        {
            ["env"] = spec.Env,
            ["algo"] = spec.Algo,
            ["steps"] = plan.Jobs[0].Config.TotalSteps,
            ["seeds"] = new JArray(spec.Seeds),
            ["schemes"] = new JArray(spec.Schemes.Select(s => s.Label)),
            ["protocol"] = spec.Protocol.ToString(),
            ["features"] = new JObject(spec.Features.Select(f => new JProperty(f.Name, new JObject
            {
                ["lower"] = f.Lower, ["lowerConstraint"] = f.LowerConstraint, ["mid"] = f.Mid, ["upper"] = f.Upper,
            }))),
            ["trainBoxes"] = new JArray(plan.Protocol.TrainBoxes.Select(b => new JObject(b.Ranges.Select(r => new JProperty(r.Key, new JArray(r.Value.Low, r.Value.High)))))),
            ["episodes"] = spec.Episodes,
            ["score"] = plan.Normalization is { } n
                ? new JObject { ["normalized"] = true, ["random"] = n.Random is double r ? r : "measured per point", ["solved"] = n.Solved }
                : new JObject { ["normalized"] = false },
            ["bootstrapResamples"] = StudyAnalysis.Resamples,
            ["splits"] = splits,
        };
        return document.ToString(Formatting.Indented);
    }
}
