namespace HyperRL.Agents.Training;

/// <summary>A loss, gradient or parameter became NaN or infinite: training stops, nothing of the diverged state is
/// saved (the last checkpoint and the best policy stay as they were).</summary>
public sealed class TrainingDivergedException(string message) : InvalidOperationException(message);
