using HyperRL.Envs.Vector;

namespace HyperRL.Agents.Training;

/// <summary>The counters and statistics a checkpoint needs besides network and optimizer weights.</summary>
public sealed record TrainerState(long GlobalStep, int Updates, int Episodes, double Seconds, VecNormalizeState? Normalization);
