using HyperRL.Envs.Registry;

namespace HyperRL.Envs.Goal;

internal static class GoalRegistrations
{
    public static IEnumerable<EnvRegistration> All() => Array.Empty<EnvRegistration>();
}
