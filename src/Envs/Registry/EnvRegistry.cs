using HyperRL.Envs.Core;
using HyperRL.Envs.Wrappers;

namespace HyperRL.Envs.Registry;

/// <summary>All env ids HyperRL knows: <c>EnvRegistry.Make("CartPole-v1")</c> as Gymnasium's <c>gym.make</c>.</summary>
public static class EnvRegistry
{
    private static readonly Dictionary<string, EnvRegistration> Registrations = BuildRegistrations();

    public static IReadOnlyList<string> Ids => Registrations.Keys.Order(StringComparer.Ordinal).ToArray();

    public static IReadOnlyList<EnvRegistration> All => Ids.Select(id => Registrations[id]).ToArray();

    public static bool Contains(string id) => Registrations.ContainsKey(id);

    public static EnvRegistration Get(string id) =>
        Registrations.TryGetValue(id, out var registration)
            ? registration
            : throw new ArgumentException($"Unknown env id '{id}'; known ids: {string.Join(", ", Ids)}.");

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

    private static Dictionary<string, EnvRegistration> BuildRegistrations()
    {
        var all = new Dictionary<string, EnvRegistration>(StringComparer.Ordinal);
        foreach (var registration in ClassicControl.ClassicControlRegistrations.All()
                     .Concat(Box2DLite.LunarLanderRegistrations.All())
                     .Concat(Goal.GoalRegistrations.All()))
        {
            all.Add(registration.Id, registration);
        }
        return all;
    }
}
