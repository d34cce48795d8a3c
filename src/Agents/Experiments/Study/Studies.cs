using HyperRL.Agents.Config;
using HyperRL.Agents.Runs;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>
/// The study's library entry points: <see cref="Prepare"/> checks a spec and its directory before anything runs, the
/// caller runs the plan's jobs (<see cref="StudyJobRunner"/>, one after another or in parallel processes), and
/// <see cref="Finish"/> gathers their evaluations into results.csv, summary.json and report.md.
/// </summary>
public static class Studies
{
    public static StudyPlan Prepare(string specPath, string directory)
    {
        if (Directory.Exists(specPath)) throw new ArgumentException($"study spec '{specPath}' is a directory, not a JSON file");
        if (!File.Exists(specPath)) throw new FileNotFoundException($"study spec '{specPath}' does not exist");
        string text = File.ReadAllText(specPath);
        var spec = StudySpec.Parse(text, specPath);
        var plan = StudyPlan.Create(spec, directory);
        var layout = plan.Layout;
        var current = JObject.Parse(text);
        string canonical = current.ToString(Formatting.Indented);
        if (File.Exists(layout.Spec))
        {
            JObject previous;
            try
            {
                previous = JObject.Parse(File.ReadAllText(layout.Spec));
            }
            catch (JsonReaderException e)
            {
                throw new InvalidDataException($"'{layout.Spec}' is not valid JSON ({e.Message})");
            }
            if (!JToken.DeepEquals(previous, current))
            {
                // More schemes or seeds extend a study; anything else would mix results measured under different rules.
                if (!JToken.DeepEquals(WithoutJobLists(previous), WithoutJobLists(current)))
                    throw new InvalidOperationException($"'{directory}' holds a study of another spec ({layout.Spec}); use another --out, or the same spec (schemes and seeds may be added) to continue it");
                CheckExistingRuns(plan);
                AtomicFile.WriteAllText(layout.Spec, canonical);
            }
        }
        else
        {
            if (File.Exists(directory)) throw new IOException($"'{directory}' is a file, not a study directory");
            if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
                throw new InvalidOperationException($"'{directory}' is not empty and holds no study.json; give --out a new or empty directory");
            AtomicFile.WriteAllText(layout.Spec, canonical);
        }
        Directory.CreateDirectory(layout.Runs);
        Directory.CreateDirectory(layout.Evals);
        return plan;
    }

    private static JObject WithoutJobLists(JObject spec)
    {
        var copy = (JObject)spec.DeepClone();
        copy.Remove("schemes");
        copy.Remove("seeds");
        return copy;
    }

    /// <summary>A run already in the directory must be the run the spec asks for now (a scheme label that kept its name
    /// but changed its policy would otherwise reuse the old results).</summary>
    private static void CheckExistingRuns(StudyPlan plan)
    {
        foreach (var job in plan.Jobs)
        {
            var layout = new RunLayout(job.RunDirectory);
            if (!File.Exists(layout.Config)) continue;
            var existing = JObject.Parse(File.ReadAllText(layout.Config));
            existing.Remove("totalSteps");
            var planned = ConfigReader.ToJObject(job.Config);
            planned.Remove("totalSteps");
            if (!JToken.DeepEquals(existing, planned))
                throw new InvalidOperationException($"the study's run '{job.Name}' was trained with another config than the spec now gives it (scheme '{job.Scheme}' changed?); use another --out");
        }
    }

    /// <summary>The jobs whose evaluation file is not there yet.</summary>
    public static IReadOnlyList<StudyJob> Pending(StudyPlan plan) => plan.Jobs.Where(j => !File.Exists(j.EvalFile)).ToList();

    public static StudyAnalysis Finish(StudyPlan plan)
    {
        var missing = Pending(plan);
        if (missing.Count > 0)
            throw new InvalidOperationException($"{missing.Count} of {plan.Jobs.Count} jobs have not finished ({string.Join(", ", missing.Take(5).Select(j => j.Name))}{(missing.Count > 5 ? ", ..." : "")})");
        var jobRows = plan.Jobs.SelectMany(j => StudyResultsFile.Read(j.EvalFile, plan.FeatureNames)).ToList();
        var randomRows = StudyRandomBaseline.Ensure(plan);
        var analysis = StudyAnalysis.Compute(plan, jobRows, randomRows);
        StudyResultsFile.Write(plan.Layout.Results, plan.FeatureNames, analysis.Rows);
        AtomicFile.WriteAllText(plan.Layout.Summary, StudySummary.Json(plan, analysis));
        AtomicFile.WriteAllText(plan.Layout.Report, StudyReport.Markdown(plan, analysis));
        return analysis;
    }
}
