using HyperRL.Agents.Environments;

namespace HyperRL.Agents.Training;

/// <summary>The counters and statistics a checkpoint holds besides the algorithm's networks and optimizers (trainer.json).</summary>
/// <param name="RecentReturns">The last episodes' returns, so a resumed run's recent mean continues (absent in older checkpoints).</param>
/// <param name="EnvId">The env the checkpoint was trained in (absent in older checkpoints).</param>
public sealed record TrainerState(long GlobalStep, int Updates, int Episodes, double Seconds, NormalizationState? Normalization,
    double[]? RecentReturns = null, string? EnvId = null);
