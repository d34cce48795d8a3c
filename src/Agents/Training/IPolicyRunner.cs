namespace HyperRL.Agents.Training;

/// <summary>Acts in envs with a trained policy's deterministic action, one batch at a time (evaluation, rendering).</summary>
public interface IPolicyRunner
{
    /// <summary>Writes one action per row: discrete actions into <paramref name="discreteActions"/>, continuous ones
    /// (row-major) into <paramref name="continuousActions"/>. Observations are raw; normalization is applied inside.</summary>
    void Act(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows, Span<int> discreteActions, Span<float> continuousActions);
}
