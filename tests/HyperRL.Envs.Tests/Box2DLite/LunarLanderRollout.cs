using HyperRL.Envs.Box2DLite;
using HyperRL.Envs.Core;
using HyperRL.Envs.Registry;

namespace HyperRL.Envs.Tests.Box2DLite;

/// <summary>Runs whole LunarLander episodes with a policy, for the tests.</summary>
internal static class LunarLanderRollout
{
    public readonly record struct Episode(double Return, int Steps, bool Terminated, float LastReward);

    public static Episode RunHeuristic(Env env, int seed)
    {
        var obs = new float[env.ObservationSize];
        var action = new float[2];
        env.Reset(obs, seed);
        double total = 0;
        int steps = 0;
        while (true)
        {
            StepOutcome outcome;
            if (env.IsDiscrete)
            {
                outcome = env.Step(LunarLanderHeuristic.ActDiscrete(obs), obs);
            }
            else
            {
                LunarLanderHeuristic.ActContinuous(obs, action);
                outcome = env.Step(action, obs);
            }
            total += outcome.Reward;
            steps++;
            if (outcome.Done) return new Episode(total, steps, outcome.Terminated, outcome.Reward);
        }
    }

    public static Episode RunConstant(Env env, int seed, int action)
    {
        var obs = new float[env.ObservationSize];
        env.Reset(obs, seed);
        double total = 0;
        int steps = 0;
        while (true)
        {
            var outcome = env.Step(action, obs);
            total += outcome.Reward;
            steps++;
            if (outcome.Done) return new Episode(total, steps, outcome.Terminated, outcome.Reward);
        }
    }

    public static Env Make(bool continuous = false, IReadOnlyDictionary<string, double>? parameters = null) =>
        EnvRegistry.Make(LunarLanderEnv.EnvId, new EnvOptions { Continuous = continuous, Parameters = parameters });
}
