namespace HyperRL.Agents.Experiments.Study;

/// <summary>The IQM of one scheme's scores on one split (runs x points pooled), with its 95% stratified bootstrap CI.</summary>
public sealed record SchemeScore(string Policy, string Split, string Scheme, double Iqm, Interval Ci, int Runs, int Points);
