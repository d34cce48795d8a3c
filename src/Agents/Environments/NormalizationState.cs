using HyperRL.Envs.Util;

namespace HyperRL.Agents.Environments;

/// <summary>The running statistics of a pipeline's normalization wrappers (null where one is off), as saved in
/// checkpoints and beside policies (<c>normalization.json</c>).</summary>
public sealed record NormalizationState(RunningMeanStdState? Observations, RunningMeanStdState? Returns);
