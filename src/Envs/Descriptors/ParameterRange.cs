namespace HyperRL.Envs.Descriptors;

/// <summary>A closed interval [Low, High] that a descriptor parameter is sampled from uniformly.</summary>
public sealed record ParameterRange(double Low, double High)
{
    /// <summary>Parses "0.3:0.8" (or a single value "0.5" meaning a point range).</summary>
    public static ParameterRange Parse(string text)
    {
        string[] parts = text.Split(':');
        if (parts.Length is < 1 or > 2 || !parts.All(p => double.TryParse(p, System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out _)))
            throw new FormatException($"Range '{text}' is not LOW:HIGH (for example 0.3:0.8).");
        double low = double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        double high = parts.Length == 2 ? double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : low;
        if (low > high) throw new FormatException($"Range '{text}' has LOW > HIGH.");
        return new ParameterRange(low, high);
    }

    public override string ToString() => FormattableString.Invariant($"{Low}:{High}");
}
