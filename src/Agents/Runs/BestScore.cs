namespace HyperRL.Agents.Runs;

/// <summary>The evaluation that made a run's <c>best/</c> policy: when, and its mean return on the training descriptors.</summary>
public sealed record BestScore(long Step, double MeanReturn, double StdReturn);
