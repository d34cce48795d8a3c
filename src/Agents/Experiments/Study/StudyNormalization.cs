namespace HyperRL.Agents.Experiments.Study;

/// <summary>Scores as (return - random) / (solved - random), so 0 is a uniformly random policy and 1 the env's solved
/// threshold. <paramref name="Random"/> null: the random policy's mean return measured at each evaluation point.</summary>
public sealed record StudyNormalization(double? Random, double Solved);
