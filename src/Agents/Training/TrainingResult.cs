namespace HyperRL.Agents.Training;

/// <summary>What a finished (or stopped) run leaves: where it is, how far it got, and its last evaluation (at
/// <paramref name="EvaluationStep"/>, -1 when none ran).</summary>
/// <param name="Notes">Things the user should know about the run that are not errors (a stale lock taken over).</param>
/// <param name="Backend">The backend the gradient steps took (<see cref="TrainingBackends"/>: fused or torch).</param>
public sealed record TrainingResult(string RunDirectory, long Steps, double Seconds, int Episodes, bool Stopped, IReadOnlyList<EvalResult> FinalEvaluation,
    long EvaluationStep, IReadOnlyList<string> Notes, string Backend);
