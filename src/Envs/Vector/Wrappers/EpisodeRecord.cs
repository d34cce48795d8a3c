namespace HyperRL.Envs.Vector.Wrappers;

/// <summary>
/// A finished episode as <see cref="RecordEpisodeStatistics"/> saw it: undiscounted return and length in the rewards
/// it wrapped, the descriptor the episode ran with, and whether it was cut by a time limit rather than terminated.
/// </summary>
public sealed record EpisodeRecord(int EnvIndex, double Return, int Length, float[] Descriptor, bool Truncated);
