namespace HyperRL.Envs.Vector;

/// <summary>A finished episode: undiscounted return, length and the descriptor it ran with.</summary>
public sealed record EpisodeRecord(int EnvIndex, double Return, int Length, double[] Descriptor, bool Truncated);
