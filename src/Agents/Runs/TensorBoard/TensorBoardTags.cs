namespace HyperRL.Agents.Runs.TensorBoard;

/// <summary>
/// The one place TensorBoard tags are named, grouped the way SB3 and CleanRL users find them:
/// <list type="bullet">
/// <item><c>losses/NAME</c>: a metrics.csv column that measures the optimization: a name in <see cref="LossColumns"/>
/// (every algorithm's loss and update diagnostics) or any name ending in <c>_loss</c>, so a new algorithm's losses
/// land there without an edit here;</item>
/// <item><c>train/NAME</c>: every other metrics.csv column (update count, seconds, episodes, recent return, steps per
/// second, learning rate, epsilon, rss_mb, ...); <c>step</c> is not a series, it is every point's x value;</item>
/// <item><c>eval/SET/NAME</c>: mean_return, std_return, mean_length, terminated of each evaluation set (train,
/// heldout0, ...);</item>
/// <item><c>charts/episode_return</c>, <c>charts/episode_length</c>: every finished training episode at its step;</item>
/// <item><c>config</c>: the run's config.json as text, at step 0.</item>
/// </list>
/// </summary>
public static class TensorBoardTags
{
    public const string EpisodeReturn = "charts/episode_return";
    public const string EpisodeLength = "charts/episode_length";
    public const string Config = "config";

    /// <summary>Diagnostics of the gradient updates: PPO's, DQN's and SAC's.</summary>
    public static IReadOnlySet<string> LossColumns { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "policy_loss", "value_loss", "entropy", "approx_kl", "clip_fraction", "explained_variance",
        "td_loss", "q_values",
        "qf_loss", "actor_loss", "alpha", "alpha_loss",
    };

    public static string Metric(string column) =>
        LossColumns.Contains(column) || column.EndsWith("_loss", StringComparison.Ordinal) ? $"losses/{column}" : $"train/{column}";

    /// <summary>The evaluation columns written as series, each under <c>eval/SET/</c>.</summary>
    public static IReadOnlyList<string> EvalColumns { get; } =
        [RunColumns.MeanReturn, RunColumns.StdReturn, RunColumns.MeanLength, RunColumns.Terminated];

    public static string Eval(string set, string column) => $"eval/{set}/{column}";
}
