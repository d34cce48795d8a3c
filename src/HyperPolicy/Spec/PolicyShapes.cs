namespace HyperRL.HyperPolicy;

/// <summary>Everything the policy needs to know about the environment, as plain values (no dependency on the env library).</summary>
/// <param name="ActionSize">Number of actions (discrete) or action dimension (continuous).</param>
public sealed record PolicyShapes(
    int ObservationSize,
    ActionKind ActionKind,
    int ActionSize,
    float[] DescriptorLow,
    float[] DescriptorHigh,
    float[]? ActionLow = null,
    float[]? ActionHigh = null)
{
    public int DescriptorSize => DescriptorLow.Length;

    /// <summary>Structural equality (records compare arrays by reference).</summary>
    public bool SameAs(PolicyShapes other) =>
        ObservationSize == other.ObservationSize && ActionKind == other.ActionKind && ActionSize == other.ActionSize
        && SameValues(DescriptorLow, other.DescriptorLow) && SameValues(DescriptorHigh, other.DescriptorHigh)
        && SameValues(ActionLow, other.ActionLow) && SameValues(ActionHigh, other.ActionHigh);

    /// <summary>First difference with another shapes value, as a phrase for error messages; null when the same.</summary>
    public string? DescribeDifference(PolicyShapes other)
    {
        if (ObservationSize != other.ObservationSize) return $"observation size {ObservationSize} vs {other.ObservationSize}";
        if (ActionKind != other.ActionKind) return $"action kind {ActionKind} vs {other.ActionKind}";
        if (ActionSize != other.ActionSize) return $"action size {ActionSize} vs {other.ActionSize}";
        if (DescriptorSize != other.DescriptorSize) return $"descriptor length {DescriptorSize} vs {other.DescriptorSize}";
        if (!SameValues(DescriptorLow, other.DescriptorLow) || !SameValues(DescriptorHigh, other.DescriptorHigh))
            return $"descriptor ranges [{Format(DescriptorLow)}]..[{Format(DescriptorHigh)}] vs [{Format(other.DescriptorLow)}]..[{Format(other.DescriptorHigh)}]";
        if (!SameValues(ActionLow, other.ActionLow) || !SameValues(ActionHigh, other.ActionHigh))
            return "action bounds differ";
        return null;
    }

    internal static string Format(float[]? values) =>
        values is null ? "none" : string.Join(", ", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    private static bool SameValues(float[]? a, float[]? b) =>
        a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
