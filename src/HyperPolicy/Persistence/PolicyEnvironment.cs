namespace HyperRL.HyperPolicy;

/// <summary>The environment a policy was trained in, as a policy file records it: its id and the names of its
/// descriptor parameters (shapes alone cannot tell two envs of the same sizes apart).</summary>
public sealed record PolicyEnvironment(string EnvId, IReadOnlyList<string> DescriptorNames)
{
    public bool SameAs(PolicyEnvironment other) => EnvId == other.EnvId && DescriptorNames.SequenceEqual(other.DescriptorNames);

    public override string ToString() => $"{EnvId} (descriptor {string.Join(", ", DescriptorNames)})";
}
