using HyperRL.Agents.Config;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>One (scheme, seed) training run of a study and the file its evaluations go to.</summary>
public sealed record StudyJob(string Name, string Scheme, int Seed, TrainConfig Config, string RunDirectory, string EvalFile);
