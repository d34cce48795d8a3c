namespace HyperRL.HyperPolicy;

/// <summary>The spec's spellings of the conditioning schemes, for command lines and labels.</summary>
public static class ConditioningNames
{
    public static IReadOnlyList<string> All { get; } = SpecNames.Conditioning.Allowed.Split(", ");

    public static string Of(ConditioningKind conditioning) => SpecNames.Conditioning.NameOf(conditioning);

    /// <summary>Throws <see cref="PolicySpecException"/> listing the allowed names.</summary>
    public static ConditioningKind Parse(string name) => SpecNames.Conditioning.Parse(name, "conditioning");
}
