namespace HyperRL.Agents.Training;

/// <summary>What a finished (or stopped) run leaves: where it is, how far it got, and its last evaluation.</summary>
public sealed record TrainingResult(string RunDirectory, long Steps, double Seconds, int Episodes, bool Stopped, IReadOnlyList<EvalResult> FinalEvaluation);
