namespace HyperRL.HyperPolicy;

/// <summary>Acts deterministically in plain C#, one row at a time (see <see cref="PolicyModel.CreateDeterministicPolicy"/>).</summary>
public interface IDeterministicPolicy
{
    /// <summary>
    /// Observations [rows x obs] as the network reads them (already normalized), raw descriptors [rows x d]. Discrete
    /// models write one action index per row to <paramref name="discreteActions"/>, continuous ones [rows x actions]
    /// row-major to <paramref name="continuousActions"/>; the other span is not touched and may be empty.
    /// </summary>
    void Act(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows, Span<int> discreteActions, Span<float> continuousActions);
}
