namespace HyperRL.Agents.Experiments.Study;

/// <summary>
/// The files of a study directory:
/// <code>
/// DIR/study.json        the spec the study was started with (a rerun with another spec is refused)
/// DIR/runs/LABEL-sSEED/ one ordinary run directory per (scheme, seed)
/// DIR/evals/JOB.csv     that run's evaluations on every point, final and best policy (written once, atomically:
///                       its presence marks the job done); random.csv holds the random policy's
/// DIR/results.csv       every evaluation row, with the score the statistics use
/// DIR/summary.json      the aggregates: IQM and CIs per split, scheme and policy; probabilities of improvement
/// DIR/report.md         the same as tables, plus a per-point table
/// DIR/*.png             IQM per split and scheme; return along each feature
/// </code>
/// </summary>
public sealed record StudyLayout(string Directory)
{
    public const string RandomScheme = "random";

    public string Spec => Path.Combine(Directory, "study.json");
    public string Runs => Path.Combine(Directory, "runs");
    public string Evals => Path.Combine(Directory, "evals");
    public string RandomEvals => Path.Combine(Evals, RandomScheme + ".csv");
    public string Results => Path.Combine(Directory, "results.csv");
    public string Summary => Path.Combine(Directory, "summary.json");
    public string Report => Path.Combine(Directory, "report.md");
    public string IqmPlot => Path.Combine(Directory, "iqm.png");

    public string RunDirectory(string job) => Path.Combine(Runs, job);
    public string EvalFile(string job) => Path.Combine(Evals, job + ".csv");
    public string AlongPlot(string feature) => Path.Combine(Directory, $"along-{feature}.png");
}
