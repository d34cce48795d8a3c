using HyperRL.Agents.Config;
using HyperRL.Agents.Runs;
using HyperRL.Envs.Registry;

namespace HyperRL.Agents.Experiments;

/// <summary>What a run reached, from its eval.csv: the first evaluation on the training descriptors at or above a
/// threshold, the best one, and the last evaluation of every descriptor set.</summary>
public sealed record RunSummary(string Run, TrainConfig Config, long LastStep, long? FirstStepReaching, double BestTrainReturn,
    IReadOnlyList<EvalRow> FinalEvaluation)
{
    /// <param name="threshold">Return to reach on the training descriptors; null skips that column.</param>
    public static RunSummary Of(string run, double? threshold)
    {
        var layout = RunLayout.Existing(run);
        var config = ConfigReader.Load(layout.Config);
        var evals = RunReader.ReadEval(layout, EnvRegistry.Get(config.Env).DescriptorSpec);
        if (evals.Count == 0) throw new InvalidOperationException($"run '{run}' has no evaluation yet");
        var train = evals.Where(e => e.Set == RunColumns.TrainSet).ToList();
        long last = evals.Max(e => e.Step);
        long? first = threshold is double t ? train.FirstOrDefault(e => e.MeanReturn >= t)?.Step : null;
        return new RunSummary(run, config, last, first, train.Count > 0 ? train.Max(e => e.MeanReturn) : double.NaN,
            evals.Where(e => e.Step == last).ToList());
    }
}

/// <summary>The final evaluation of one descriptor set across the runs of a group (seeds): mean and std of the runs'
/// mean returns.</summary>
/// <param name="Terminated">Mean over the runs of the fraction of episodes that terminated (goal reached in a goal task).</param>
public sealed record SetSummary(string Group, string Set, IReadOnlyList<double>? Descriptor, double Mean, double Std, double Terminated, int Runs)
{
    public static IReadOnlyList<SetSummary> Of(IEnumerable<RunSummary> runs, CurveGrouping groupBy) =>
        runs.SelectMany(r => r.FinalEvaluation.Select(e => (Group: RunLabels.Group(r.Config, r.Run, groupBy), Eval: e)))
            .GroupBy(p => (p.Group, p.Eval.Set))
            .OrderBy(g => g.Key.Set, StringComparer.Ordinal).ThenBy(g => g.Key.Group, StringComparer.Ordinal)
            .Select(g =>
            {
                var values = g.Select(p => p.Eval.MeanReturn).ToArray();
                double mean = values.Average();
                return new SetSummary(g.Key.Group, g.Key.Set, g.First().Eval.Descriptor, mean,
                    Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average()), g.Average(p => p.Eval.Terminated), values.Length);
            })
            .ToList();
}
