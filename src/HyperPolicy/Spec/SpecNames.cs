namespace HyperRL.HyperPolicy;

/// <summary>JSON spellings of the spec's enum values.</summary>
internal static class SpecNames
{
    public static readonly NameTable<ConditioningKind> Conditioning = new(
        ("mlp", ConditioningKind.Mlp), ("concat", ConditioningKind.Concat), ("film", ConditioningKind.Film), ("hyper", ConditioningKind.Hyper));

    public static readonly NameTable<HyperKind> HyperKind = new(
        ("full", HyperPolicy.HyperKind.Full), ("chunked", HyperPolicy.HyperKind.Chunked), ("lowrank", HyperPolicy.HyperKind.LowRank));

    public static readonly NameTable<HyperInit> HyperInit = new(
        ("hyperfan_in", HyperPolicy.HyperInit.HyperfanIn), ("hyperfan_out", HyperPolicy.HyperInit.HyperfanOut), ("bias", HyperPolicy.HyperInit.Bias));

    public static readonly NameTable<ActivationKind> Activation = new(
        ("tanh", ActivationKind.Tanh), ("relu", ActivationKind.Relu), ("elu", ActivationKind.Elu), ("silu", ActivationKind.Silu));

    public static readonly NameTable<HeadKind> Head = new(
        ("auto", HeadKind.Auto), ("categorical", HeadKind.Categorical), ("gaussian", HeadKind.Gaussian),
        ("tanh_gaussian", HeadKind.TanhGaussian), ("q", HeadKind.Q), ("dueling", HeadKind.Dueling));

    public static readonly NameTable<LogStdKind> LogStd = new(
        ("state_independent", LogStdKind.StateIndependent), ("state_dependent", LogStdKind.StateDependent));

    public static readonly NameTable<DescriptorBoundsKind> DescriptorBounds = new(
        ("declared", DescriptorBoundsKind.Declared), ("train", DescriptorBoundsKind.Train));

    public static readonly NameTable<ArchitectureCriticKind> ArchitectureCritic = new(
        ("fixed", ArchitectureCriticKind.Fixed), ("generated", ArchitectureCriticKind.Generated));
}

internal sealed class NameTable<T>(params (string Name, T Value)[] entries) where T : struct, Enum
{
    public string Allowed => string.Join(", ", entries.Select(e => e.Name));

    public string NameOf(T value) => entries.First(e => EqualityComparer<T>.Default.Equals(e.Value, value)).Name;

    public T Parse(string name, string key)
    {
        foreach (var (entryName, value) in entries)
            if (entryName == name) return value;
        throw new PolicySpecException($"unknown value '{name}' for '{key}' in policy spec; allowed: {Allowed}");
    }
}
