using HyperRL.Envs.Core;
using HyperRL.Envs.Wrappers;

namespace HyperRL.Envs.Registry;

/// <summary>
/// All env ids HyperRL knows: <c>EnvRegistry.Make("CartPole-v1")</c> as Gymnasium's <c>gym.make</c>. Open like
/// Gymnasium's <c>gym.register</c>: user code adds its own envs with <see cref="Register"/>, the same path the
/// built-in envs take, and everything that builds envs by id (vector env factory, CLI) then finds them.
/// </summary>
public static class EnvRegistry
{
    // A lock rather than a concurrent dictionary: Ids and All need a consistent snapshot, and registration is rare.
    private static readonly object Gate = new();
    private static readonly Dictionary<string, EnvRegistration> Registrations = new(StringComparer.Ordinal);

    static EnvRegistry()
    {
        foreach (var registration in ClassicControl.ClassicControlRegistrations.All()
                     .Concat(Box2DLite.LunarLanderRegistrations.All())
                     .Concat(Goal.GoalRegistrations.All()))
        {
            Register(registration);
        }
    }

    public static IReadOnlyList<string> Ids
    {
        get
        {
            lock (Gate) return Registrations.Keys.Order(StringComparer.Ordinal).ToArray();
        }
    }

    public static IReadOnlyList<EnvRegistration> All
    {
        get
        {
            lock (Gate) return Registrations.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Value).ToArray();
        }
    }

    /// <summary>
    /// Adds an env id; safe to call from any thread. Ids are unique: registering one twice is an error rather than a
    /// silent replacement, so two libraries cannot shadow each other's envs.
    /// </summary>
    public static void Register(EnvRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (string.IsNullOrWhiteSpace(registration.Id))
            throw new ArgumentException("An env registration needs a non-empty id.", nameof(registration));
        if (string.IsNullOrWhiteSpace(registration.Summary))
            throw new ArgumentException($"Env registration '{registration.Id}' needs a non-empty summary.", nameof(registration));
        ArgumentNullException.ThrowIfNull(registration.Create, $"{nameof(registration)}.{nameof(registration.Create)}");
        ArgumentNullException.ThrowIfNull(registration.DescriptorSpec, $"{nameof(registration)}.{nameof(registration.DescriptorSpec)}");
        if (registration.MaxEpisodeSteps < 0)
            throw new ArgumentOutOfRangeException(nameof(registration), registration.MaxEpisodeSteps,
                $"Env registration '{registration.Id}': MaxEpisodeSteps must be >= 0 (0 disables the limit).");
        lock (Gate)
        {
            if (!Registrations.TryAdd(registration.Id, registration))
                throw new ArgumentException($"Env id '{registration.Id}' is already registered.", nameof(registration));
        }
    }

    public static bool Contains(string id)
    {
        lock (Gate) return Registrations.ContainsKey(id);
    }

    public static EnvRegistration Get(string id)
    {
        lock (Gate)
        {
            if (Registrations.TryGetValue(id, out var registration)) return registration;
        }
        throw new ArgumentException($"Unknown env id '{id}'; known ids: {string.Join(", ", Ids)}.");
    }

    /// <summary>Builds the env with its registered time limit (or the one in <paramref name="options"/>).</summary>
    public static Env Make(string id, EnvOptions? options = null)
    {
        var registration = Get(id);
        options ??= EnvOptions.Default;
        if (options.Continuous && !registration.SupportsContinuous)
            throw new ArgumentException($"{id} has no continuous-action mode.");
        Env env = registration.Create(options);
        int limit = options.MaxEpisodeSteps ?? registration.MaxEpisodeSteps;
        if (limit < 0) throw new ArgumentOutOfRangeException(nameof(options), limit, "MaxEpisodeSteps must be >= 0 (0 disables the limit).");
        return limit > 0 ? new TimeLimit(env, limit) : env;
    }
}
