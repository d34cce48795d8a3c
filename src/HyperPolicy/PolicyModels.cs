using Newtonsoft.Json.Linq;

namespace HyperRL.HyperPolicy;

/// <summary>
/// The model kinds a policy file can hold and how to build each from a spec and shapes: an explicit table, so adding a
/// kind is one line here and reading a file never depends on type names.
/// </summary>
public static class PolicyModels
{
    private static readonly (string Kind, Func<PolicySpec, PolicyShapes, JObject?, PolicyModel> Create)[] Table =
    [
        (ActorCritic.KindName, (spec, shapes, options) => ActorCritic.Create(spec, shapes).WithoutOptions(options)),
        (QNetwork.KindName, (spec, shapes, options) => QNetwork.Create(spec, shapes, options is null ? QNetworkOptions.Default : QNetworkOptions.FromJObject(options))),
        (Actor.KindName, (spec, shapes, options) => Actor.Create(spec, shapes).WithoutOptions(options)),
    ];

    public static IReadOnlyList<string> Kinds { get; } = Table.Select(entry => entry.Kind).ToArray();

    /// <summary>The builder of <paramref name="kind"/>; an unknown kind is a <see cref="PolicyFileException"/> listing the known ones.</summary>
    public static Func<PolicySpec, PolicyShapes, PolicyModel> CreatorFor(string kind)
    {
        var create = CreatorWithOptionsFor(kind);
        return (spec, shapes) => create(spec, shapes, null);
    }

    /// <summary>The builder of <paramref name="kind"/> taking the model's options as a policy file stores them
    /// (null: the defaults); bad options are a <see cref="PolicySpecException"/>.</summary>
    public static Func<PolicySpec, PolicyShapes, JObject?, PolicyModel> CreatorWithOptionsFor(string kind)
    {
        foreach (var entry in Table)
            if (entry.Kind == kind) return entry.Create;
        throw new PolicyFileException($"unknown policy model kind '{kind}'; known kinds: {string.Join(", ", Kinds)}");
    }

    /// <summary>The model, if a file gave it no options (only Q networks have any).</summary>
    private static PolicyModel WithoutOptions(this PolicyModel model, JObject? options)
    {
        if (options is null) return model;
        model.Dispose();
        throw new PolicySpecException($"model kind '{model.Kind}' takes no options, got {options.ToString(Newtonsoft.Json.Formatting.None)}");
    }

    /// <summary>Validates the spec against the shapes (throws <see cref="PolicySpecException"/>) and builds the model.</summary>
    public static PolicyModel Create(string kind, PolicySpec spec, PolicyShapes shapes) => CreatorFor(kind)(spec, shapes);
}
