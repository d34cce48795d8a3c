namespace HyperRL.Agents.Algorithms.Ppo;

/// <summary>Contiguous steps of a rollout buffer collected by one set of envs (the local ones, or one remote worker's),
/// and V of those envs' observations after its last step: what GAE bootstraps from.</summary>
internal sealed record RolloutSegment(int FirstStep, int Steps, float[] LastValues);
