using HyperRL.Envs.Core;
using HyperRL.Envs.Spaces;
using HyperRL.Envs.Util;

namespace HyperRL.Envs.Tests.ClassicControl;

/// <summary>Deterministic rollouts for comparing episodes across seeds and parameters.</summary>
internal static class Rollouts
{
    public static readonly string[] ClassicControlIds = { "CartPole-v1", "Acrobot-v1", "MountainCar-v0", "Pendulum-v1" };

    /// <summary>
    /// Resets with <paramref name="seed"/> and takes up to <paramref name="steps"/> actions from a fixed action stream
    /// (the same for every call), returning the initial and every following observation.
    /// </summary>
    public static List<float[]> Run(Env env, int seed, int steps)
    {
        var observations = new List<float[]> { env.Reset(seed).Observation };
        var actionRng = new Rng(12345);
        for (int t = 0; t < steps && !env.NeedsReset; t++)
        {
            var result = env.ActionSpace is Discrete discrete
                ? env.Step(discrete.Sample(actionRng))
                : env.Step(((Box)env.ActionSpace).Sample(actionRng));
            observations.Add(result.Observation);
        }
        return observations;
    }

    public static bool Same(List<float[]> a, List<float[]> b) =>
        a.Count == b.Count && a.Zip(b).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));
}
