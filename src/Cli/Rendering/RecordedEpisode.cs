namespace HyperRL.Cli.Rendering;

/// <summary>One episode's actions and outcome: replaying the actions on an env reset with <see cref="Seed"/>
/// reproduces it exactly (the envs are deterministic given their seed).</summary>
public sealed record RecordedEpisode(int Seed, int[] DiscreteActions, float[] ContinuousActions, int ActionSize, double Return, int Length, bool Terminated);
