using HyperRL.Envs.Registry;

namespace HyperRL.Envs.Box2DLite;

internal static class LunarLanderRegistrations
{
    public static IEnumerable<EnvRegistration> All() => new[]
    {
        new EnvRegistration(
            LunarLanderEnv.EnvId,
            "Land a rocket on the pad (Gymnasium LunarLander-v3 physics in C#); discrete or continuous engines.",
            options => new LunarLanderEnv(options),
            LunarLanderConstants.MaxEpisodeSteps,
            LunarLanderEnv.Spec,
            RewardThreshold: LunarLanderConstants.RewardThreshold,
            SupportsContinuous: true),
    };
}
