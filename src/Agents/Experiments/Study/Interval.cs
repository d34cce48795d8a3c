namespace HyperRL.Agents.Experiments.Study;

/// <summary>A confidence interval [Low, High] of a bootstrapped statistic.</summary>
public readonly record struct Interval(double Low, double High);
