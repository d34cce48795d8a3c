namespace HyperRL.Agents.Experiments;

/// <summary>The curves of several runs, and the runs left out because they have no rows for the metric yet.</summary>
public sealed record CurveSet(IReadOnlyList<RunCurve> Curves, IReadOnlyList<SkippedRun> Skipped);

/// <summary>A run without data for a curve yet (training not started, or no evaluation finished).</summary>
/// <param name="Reason">What it lacks, e.g. "has no evaluation yet".</param>
public sealed record SkippedRun(string RunDirectory, string Reason);
