namespace HyperRL.Agents.Runs;

/// <summary>
/// Column names of a run's CSV files, the one place both writers and readers take them from. Descriptor values get
/// one column each, <c>descriptor.NAME</c>, in the env family's parameter order.
/// </summary>
public static class RunColumns
{
    public const string Step = "step";
    public const string Update = "update";
    public const string Seconds = "seconds";
    public const string Episodes = "episodes";
    public const string RecentReturn = "episode_return_recent";
    public const string ResidentMegabytes = "rss_mb";

    public const string Env = "env";
    public const string Return = "return";
    public const string Length = "length";
    public const string Truncated = "truncated";

    public const string Set = "set";
    public const string MeanReturn = "mean_return";
    public const string StdReturn = "std_return";
    public const string MeanLength = "mean_length";
    public const string Terminated = "terminated";

    /// <summary>The label of evaluations on the training descriptors; held-out points are heldout0, heldout1, ...</summary>
    public const string TrainSet = "train";

    /// <summary>The label of evaluations on the config's held-out point <paramref name="index"/>.</summary>
    public static string HeldOutSet(int index) => $"heldout{index}";

    public const string DescriptorPrefix = "descriptor.";

    public static string Descriptor(string parameter) => DescriptorPrefix + parameter;

    public static IReadOnlyList<string> MetricsLeading { get; } = [Step, Update, Seconds, Episodes, RecentReturn];

    public static IReadOnlyList<string> EpisodesHeader(IEnumerable<string> descriptorNames) =>
        [Step, Env, Return, Length, Truncated, .. descriptorNames.Select(Descriptor)];

    public static IReadOnlyList<string> EvalHeader(IEnumerable<string> descriptorNames) =>
        [Step, Seconds, Set, MeanReturn, StdReturn, MeanLength, Episodes, Terminated, .. descriptorNames.Select(Descriptor)];
}
