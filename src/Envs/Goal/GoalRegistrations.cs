using HyperRL.Envs.Registry;

namespace HyperRL.Envs.Goal;

internal static class GoalRegistrations
{
    public static IEnumerable<EnvRegistration> All() => new[]
    {
        new EnvRegistration(
            PointMassGoalEnv.ContinuousId,
            "Push a point mass to a goal given only as the descriptor (goal_x, goal_y); force actions in [-1, 1]^2.",
            options => new PointMassGoalEnv(options),
            PointMassGoalEnv.MaxEpisodeSteps,
            PointMassGoalEnv.Spec,
            SupportsContinuous: true), // always continuous: the Continuous option is accepted and changes nothing
        new EnvRegistration(
            PointMassGoalEnv.DiscreteId,
            "Point mass to a descriptor goal with 5 actions: none, left, right, down, up.",
            options => new PointMassGoalEnv(options, discrete: true),
            PointMassGoalEnv.MaxEpisodeSteps,
            PointMassGoalEnv.Spec),
    };
}
