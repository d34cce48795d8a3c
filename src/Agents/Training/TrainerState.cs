using HyperRL.Agents.Environments;

namespace HyperRL.Agents.Training;

/// <summary>The counters and statistics a checkpoint holds besides the algorithm's networks and optimizers (trainer.json).</summary>
public sealed record TrainerState(long GlobalStep, int Updates, int Episodes, double Seconds, NormalizationState? Normalization);
