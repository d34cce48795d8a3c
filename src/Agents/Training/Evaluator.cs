using HyperRL.Agents.Config;
using HyperRL.Agents.Environments;
using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Training;

/// <summary>Returns of N evaluation episodes with the deterministic policy on one descriptor setting.</summary>
/// <param name="Descriptor">The descriptor every episode ran with; null when they differed (randomized).</param>
/// <param name="TerminatedFraction">Episodes that ended by termination rather than the time limit: reaching the goal
/// in a goal task, falling in CartPole.</param>
public sealed record EvalResult(string Label, DescriptorSpec Spec, float[]? Descriptor, double MeanReturn, double StdReturn, double MeanLength,
    double TerminatedFraction, double[] Returns)
{
    /// <summary>"name=value, ..." of the descriptor, or "randomized".</summary>
    public string DescriptorText => Descriptor is null ? "randomized" : Spec.Format(Descriptor);
}

/// <summary>Runs N episodes at once (one per env of a vector env, seeds seed..seed+N-1) with a deterministic policy.</summary>
public static class Evaluator
{
    public static EvalResult Evaluate(IDeterministicPolicy policy, TrainConfig config, EnvOptions options, NormalizationState? normalization,
        int episodes, int seed, string label)
    {
        if (episodes < 1) throw new ArgumentOutOfRangeException(nameof(episodes), episodes, "Evaluation needs at least one episode.");
        using var pipeline = EnvPipeline.ForEvaluation(config, options, episodes, normalization);
        var envs = pipeline.Envs;
        envs.Reset(seed);
        var returns = new double[episodes];
        var lengths = new int[episodes];
        int terminated = 0;
        var descriptors = new float[episodes][];
        int remaining = episodes;
        var discrete = new int[episodes];
        var continuous = new float[episodes * envs.ActionSize];
        while (remaining > 0)
        {
            policy.Act(envs.Observations, envs.Descriptors, episodes, discrete, continuous);
            if (envs.IsDiscrete) envs.Step(discrete);
            else envs.Step(continuous);
            foreach (var episode in pipeline.CompletedEpisodes)
            {
                if (descriptors[episode.EnvIndex] != null) continue;
                returns[episode.EnvIndex] = episode.Return;
                lengths[episode.EnvIndex] = episode.Length;
                descriptors[episode.EnvIndex] = episode.Descriptor;
                if (!episode.Truncated) terminated++;
                remaining--;
            }
        }
        double mean = returns.Average();
        double std = Math.Sqrt(returns.Select(r => (r - mean) * (r - mean)).Average());
        bool shared = descriptors.All(d => d.AsSpan().SequenceEqual(descriptors[0]));
        return new EvalResult(label, envs.DescriptorSpec, shared ? descriptors[0] : null, mean, std, lengths.Average(),
            (double)terminated / episodes, returns);
    }
}
