using HyperRL.Agents.Environments;
using HyperRL.Agents.Training;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>The random policy's return at every point of a study (scheme "random"), written once to its own file.</summary>
public static class StudyRandomBaseline
{
    public static IReadOnlyList<StudyResultRow> Ensure(StudyPlan plan)
    {
        string path = plan.Layout.RandomEvals;
        if (File.Exists(path)) return StudyResultsFile.Read(path, plan.FeatureNames);
        var config = plan.Jobs[0].Config;
        var rows = new List<StudyResultRow>();
        foreach (var point in plan.Points)
        {
            var options = EnvSetup.FixedOptions(config, point.Values);
            var policy = new RandomActionPolicy(EnvSetup.Probe(config, options).ActionSpace, (ulong)plan.Spec.EvalSeed);
            var result = Evaluator.Evaluate(policy, config, options, normalization: null, plan.Spec.Episodes, plan.Spec.EvalSeed, point.Split);
            rows.Add(new StudyResultRow(StudyLayout.RandomScheme, 0, point.Split, point.Index, point.Values, StudyLayout.RandomScheme,
                result.MeanReturn, result.StdReturn, plan.Spec.Episodes, result.MeanReturn));
        }
        StudyResultsFile.Write(path, plan.FeatureNames, rows);
        return rows;
    }
}
