namespace HyperRL.Agents.Runs;

/// <summary>One row of metrics.csv: the values logged after an update (PPO) or a logging interval (DQN, SAC).</summary>
/// <param name="Values">The algorithm's diagnostics, in column order (losses, entropy, learning rate, ...).</param>
public sealed record MetricsRow(long Step, int Update, double Seconds, int Episodes, double RecentReturn,
    IReadOnlyList<KeyValuePair<string, double>> Values, double ResidentMegabytes);

/// <summary>One row of episodes.csv: a finished training episode.</summary>
public sealed record EpisodeRow(long Step, int Env, double Return, int Length, bool Truncated, IReadOnlyList<double> Descriptor);

/// <summary>One row of eval.csv: an evaluation of the deterministic policy on one descriptor set.</summary>
/// <param name="Terminated">Fraction of the episodes that ended by termination (not the time limit).</param>
/// <param name="Descriptor">Null for a randomized set (every episode drew its own descriptor).</param>
public sealed record EvalRow(long Step, double Seconds, string Set, double MeanReturn, double StdReturn, double MeanLength, int Episodes,
    double Terminated, IReadOnlyList<double>? Descriptor);
