namespace HyperRL.Agents.Experiments;

/// <summary>
/// A group's curves (seeds) resampled on a common x grid, split where the set of runs with data changes.
/// </summary>
/// <param name="Runs">How many runs the group has.</param>
/// <param name="Full">Where every run has data (the range all of them span); null when no x is shared by all.</param>
/// <param name="Partial">Where only some runs have data (a shorter or still running seed), in x order: not a mean
/// over the group, so drawn apart from <paramref name="Full"/>.</param>
public sealed record AggregatedCurve(string Label, int Runs, CurveSegment? Full, IReadOnlyList<CurveSegment> Partial);
