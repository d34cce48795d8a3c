namespace HyperRL.Agents.Experiments.Study;

/// <summary>One evaluation point of a study: the split it belongs to, its index within the split, and the values of
/// the study's features there (the run's other descriptor parameters keep their fixed values).</summary>
public sealed record StudyPoint(string Split, int Index, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>Sweeps: each feature along its whole range with the others fixed, for the return-along-a-parameter plots.
    /// They are not aggregated into the split tables.</summary>
    public const string SweepPrefix = "sweep_";

    /// <summary>Explicit points listed in the spec.</summary>
    public const string ExplicitSplit = "points";

    public static string SweepSplit(string feature) => SweepPrefix + feature;

    public bool IsSweep => Split.StartsWith(SweepPrefix, StringComparison.Ordinal);
}
