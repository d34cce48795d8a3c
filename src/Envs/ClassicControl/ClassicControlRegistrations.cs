using HyperRL.Envs.Registry;

namespace HyperRL.Envs.ClassicControl;

internal static class ClassicControlRegistrations
{
    /// <summary>Ids, time limits and reward thresholds as Gymnasium registers them.</summary>
    public static IEnumerable<EnvRegistration> All() => new[]
    {
        new EnvRegistration(CartPoleEnv.EnvId, "Balance a pole on a cart by pushing it left or right.",
            options => new CartPoleEnv(options), 500, CartPoleDescriptor.Spec, RewardThreshold: 475.0),
        new EnvRegistration(AcrobotEnv.EnvId, "Swing the tip of a two-link pendulum above a height by torquing its middle joint.",
            options => new AcrobotEnv(options), 500, AcrobotDescriptor.Spec, RewardThreshold: -100.0),
        new EnvRegistration(MountainCarEnv.EnvId, "Drive an underpowered car up a hill by rocking it back and forth (discrete).",
            options => new MountainCarEnv(options), 200, MountainCarDescriptor.Spec, RewardThreshold: -110.0),
        new EnvRegistration(PendulumEnv.EnvId, "Swing a pendulum upright and hold it there with limited torque.",
            options => new PendulumEnv(options), 200, PendulumDescriptor.Spec),
    };
}
