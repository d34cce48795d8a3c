using HyperRL.Envs.Core;
using HyperRL.Envs.Vector;

namespace HyperRL.Agents.Training;

/// <summary>Returns of N evaluation episodes with the deterministic policy on one descriptor setting.</summary>
public sealed record EvalResult(string Label, string Descriptor, double MeanReturn, double StdReturn, double MeanLength, double[] Returns);

/// <summary>Runs N episodes at once (one per env of a vector env, seeds seed..seed+N-1) with the greedy policy.</summary>
public static class Evaluator
{
    public static EvalResult Evaluate(IPolicyRunner policy, string envId, EnvOptions options, int episodes, int seed, string label,
        Func<Env, Env>? wrap = null)
    {
        if (episodes < 1) throw new ArgumentOutOfRangeException(nameof(episodes), episodes, "Evaluation needs at least one episode.");
        using var envs = VectorEnvFactory.Make(envId, episodes, workers: 1, options, wrap);
        envs.Reset(seed);
        var returns = new double[episodes];
        var lengths = new int[episodes];
        var finished = new bool[episodes];
        var descriptors = new string[episodes];
        int remaining = episodes;
        var discrete = new int[episodes];
        var continuous = new float[episodes * envs.ActionSize];
        while (remaining > 0)
        {
            policy.Act(envs.Observations, envs.Descriptors, episodes, discrete, continuous);
            if (envs.IsDiscrete) envs.Step(discrete);
            else envs.Step(continuous);
            foreach (var episode in envs.CompletedEpisodes)
            {
                if (finished[episode.EnvIndex]) continue;
                finished[episode.EnvIndex] = true;
                returns[episode.EnvIndex] = episode.Return;
                lengths[episode.EnvIndex] = episode.Length;
                descriptors[episode.EnvIndex] = envs.DescriptorSpec.Format(episode.Descriptor);
                remaining--;
            }
        }
        double mean = returns.Average();
        double std = Math.Sqrt(returns.Select(r => (r - mean) * (r - mean)).Average());
        string descriptor = descriptors.Distinct().Count() == 1 ? descriptors[0] : "randomized";
        return new EvalResult(label, descriptor, mean, std, lengths.Average(), returns);
    }
}
