namespace HyperRL.HyperPolicy.Fused;

/// <summary>A policy head on the fused path: log pi(a|s) and the entropy per row from the actor's raw outputs, and
/// their gradients back to the raw outputs (and the head's own parameters).</summary>
internal interface IFusedHead
{
    /// <param name="raw">[rows, RawSize].</param>
    /// <param name="actions">Per row: the action index (categorical) or ActionSize values (Gaussian).</param>
    void Forward(ReadOnlySpan<float> raw, ReadOnlySpan<float> actions, int rows, ReadOnlySpan<float> parameters, Span<float> logProb, Span<float> entropy);

    /// <summary>rawGradient = d loss / d raw from d loss / d logProb and d loss / d entropy (overwritten); adds the
    /// head's parameter gradients into <paramref name="gradient"/>.</summary>
    void Backward(ReadOnlySpan<float> raw, ReadOnlySpan<float> actions, int rows, ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> logProbGradient, ReadOnlySpan<float> entropyGradient, Span<float> rawGradient, Span<float> gradient);
}
