namespace HyperRL.Agents.Experiments.Study;

/// <summary>
/// Kirk et al.'s training regimes over two context features, as CARL names them: A the full [lower, mid] box,
/// B an L shape that never shows the inner square (so combinations are new), C the two axes through (lower, lower)
/// (so every combination is new). Only A makes sense with a single feature.
/// </summary>
public enum ProtocolMode { A, B, C }
