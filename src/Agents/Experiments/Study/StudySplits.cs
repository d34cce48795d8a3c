namespace HyperRL.Agents.Experiments.Study;

/// <summary>
/// The evaluation sets' names. They are the keys the study writes to its tables and files, so they are fixed strings
/// (CARL's words in snake case) rather than an enum whose printed names could drift with a rename.
/// </summary>
public static class StudySplits
{
    public const string Interpolation = "interpolation";
    public const string CombinatorialInterpolation = "combinatorial_interpolation";
    public const string SingleExtrapolation = "single_extrapolation";
    public const string AllExtrapolation = "all_extrapolation";

    /// <summary>Every split in report order; a split's index here also salts its sampling seed, so it must not be reordered.</summary>
    public static IReadOnlyList<string> All { get; } = [Interpolation, CombinatorialInterpolation, SingleExtrapolation, AllExtrapolation];
}
