using HyperRL.Agents.Environments;
using HyperRL.Agents.Training;
using HyperRL.Envs.Core;
using HyperRL.Envs.Spaces;

namespace HyperRL.Agents.Experiments;

/// <summary>One episode's actions (as the env received them) and outcome: replaying the actions on an env reset with
/// <see cref="Seed"/> reproduces it exactly (the envs are deterministic given their seed).</summary>
public sealed record RecordedEpisode(int Seed, int[] DiscreteActions, float[] ContinuousActions, int ActionSize, double Return, int Length, bool Terminated);

/// <summary>Plays one episode with a trained run's deterministic policy, through the same env pipeline as its
/// evaluations, and records it for replay (rendering).</summary>
public static class EpisodePlayer
{
    /// <param name="maxSteps">Stops the episode early (as a truncation) after this many steps; null keeps the env's limit.</param>
    public static RecordedEpisode Play(TrainedRun run, EnvOptions options, int seed, int? maxSteps)
    {
        if (maxSteps is < 1) throw new ArgumentException("the step limit must be at least 1");
        var actionBox = EnvSetup.Probe(run.Config, options).ActionSpace as Box;
        using var pipeline = EnvPipeline.ForEvaluation(run.Config, options, numEnvs: 1, run.Normalization);
        var policy = run.Model.CreateDeterministicPolicy();
        var envs = pipeline.Envs;
        int actionSize = actionBox?.Size ?? 0;
        var discrete = new int[1];
        var continuous = new float[actionSize];
        var clipped = new float[actionSize];
        var discreteActions = new List<int>();
        var continuousActions = new List<float>();

        envs.Reset(seed);
        double total = 0;
        int length = 0;
        bool terminated = false;
        while (maxSteps is not int limit || length < limit)
        {
            policy.Act(envs.Observations, envs.Descriptors, 1, discrete, continuous);
            if (actionBox is null)
            {
                discreteActions.Add(discrete[0]);
                envs.Step(discrete);
            }
            else
            {
                // What the env receives once the pipeline clipped it: the replay needs no clipping of its own.
                actionBox.Clip(continuous, clipped);
                continuousActions.AddRange(clipped);
                envs.Step(continuous);
            }
            total += pipeline.Raw.Rewards[0];
            length++;
            if (envs.Terminations[0] || envs.Truncations[0])
            {
                terminated = envs.Terminations[0];
                break;
            }
        }
        return new RecordedEpisode(seed, discreteActions.ToArray(), continuousActions.ToArray(), actionSize, total, length, terminated);
    }
}
