using HyperRL.Envs.Box2DLite;
using HyperRL.Envs.ClassicControl;
using HyperRL.Envs.Goal;

namespace HyperRL.Cli.Rendering;

/// <summary>The drawer for each renderable env id.</summary>
public static class EnvDrawerRegistry
{
    private static readonly Dictionary<string, Func<IEnvDrawer>> Drawers = new(StringComparer.Ordinal)
    {
        [CartPoleEnv.EnvId] = () => new CartPoleDrawer(),
        [AcrobotEnv.EnvId] = () => new AcrobotDrawer(),
        [MountainCarEnv.EnvId] = () => new MountainCarDrawer(),
        [PendulumEnv.EnvId] = () => new PendulumDrawer(),
        [LunarLanderEnv.EnvId] = () => new LunarLanderDrawer(),
        [PointMassGoalEnv.ContinuousId] = () => new PointMassGoalDrawer(),
        [PointMassGoalEnv.DiscreteId] = () => new PointMassGoalDrawer(),
    };

    public static IReadOnlyList<string> Ids => Drawers.Keys.Order(StringComparer.Ordinal).ToArray();

    public static IEnvDrawer For(string envId) =>
        Drawers.TryGetValue(envId, out var create)
            ? create()
            : throw new ArgumentException($"no drawer for env '{envId}'; renderable envs: {string.Join(", ", Ids)}");
}
