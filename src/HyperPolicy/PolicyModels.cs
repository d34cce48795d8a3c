namespace HyperRL.HyperPolicy;

/// <summary>
/// The model kinds a policy file can hold and how to build each from a spec and shapes: an explicit table, so adding a
/// kind is one line here and reading a file never depends on type names.
/// </summary>
public static class PolicyModels
{
    private static readonly (string Kind, Func<PolicySpec, PolicyShapes, PolicyModel> Create)[] Table =
    [
        (ActorCritic.KindName, ActorCritic.Create),
        (QNetwork.KindName, QNetwork.Create),
        (Actor.KindName, Actor.Create),
    ];

    public static IReadOnlyList<string> Kinds { get; } = Table.Select(entry => entry.Kind).ToArray();

    /// <summary>The builder of <paramref name="kind"/>; an unknown kind is a <see cref="PolicyFileException"/> listing the known ones.</summary>
    public static Func<PolicySpec, PolicyShapes, PolicyModel> CreatorFor(string kind)
    {
        foreach (var entry in Table)
            if (entry.Kind == kind) return entry.Create;
        throw new PolicyFileException($"unknown policy model kind '{kind}'; known kinds: {string.Join(", ", Kinds)}");
    }

    /// <summary>Validates the spec against the shapes (throws <see cref="PolicySpecException"/>) and builds the model.</summary>
    public static PolicyModel Create(string kind, PolicySpec spec, PolicyShapes shapes) => CreatorFor(kind)(spec, shapes);
}
