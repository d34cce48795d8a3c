namespace HyperRL.Agents.Experiments.Study;

/// <summary>P(X > Y): the probability that a run of scheme X scores above a run of scheme Y at a point of the split,
/// averaged over its points, with its bootstrap CI.</summary>
public sealed record Improvement(string Policy, string Split, string X, string Y, double Probability, Interval Ci);
