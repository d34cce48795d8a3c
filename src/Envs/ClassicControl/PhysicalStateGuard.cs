namespace HyperRL.Envs.ClassicControl;

/// <summary>Validation shared by the classic-control <c>SetState</c> implementations.</summary>
internal static class PhysicalStateGuard
{
    /// <summary>Rejects a state of the wrong length or with non-finite values, naming the expected layout.</summary>
    public static void Check(string envId, ReadOnlySpan<double> state, string layout, int length)
    {
        if (state.Length != length)
            throw new ArgumentException($"{envId}: state has {state.Length} values, expected {length} ({layout}).", nameof(state));
        for (int i = 0; i < state.Length; i++)
        {
            if (!double.IsFinite(state[i]))
                throw new ArgumentException($"{envId}: state[{i}] is {state[i]}; the state ({layout}) must be finite.", nameof(state));
        }
    }
}
