using HyperRL.Agents.Training;
using HyperRL.Envs.Core;
using HyperRL.Envs.Spaces;

namespace HyperRL.Cli.Rendering;

/// <summary>Plays one episode with a trained policy's deterministic actions and records them for replay.</summary>
public static class EpisodePlayer
{
    /// <param name="maxSteps">Stops the episode early (as a truncation) after this many steps; null keeps the env's limit.</param>
    public static RecordedEpisode Play(IPolicyRunner policy, Env env, int seed, int? maxSteps)
    {
        if (maxSteps is < 1) throw new ArgumentException("--max-steps must be at least 1");
        int actionSize = env.ActionSpace is Box box ? box.Size : 0;
        var observation = new float[env.ObservationSize];
        var discrete = new int[1];
        var continuous = new float[Math.Max(actionSize, 1)];
        var discreteActions = new List<int>();
        var continuousActions = new List<float>();

        env.Reset(observation, seed);
        // The descriptor is fixed for the episode (a randomized one is drawn at reset).
        float[] descriptor = ToFloats(env.Descriptor);
        double total = 0;
        int length = 0;
        bool terminated = false;
        while (maxSteps is not int limit || length < limit)
        {
            policy.Act(observation, descriptor, 1, discrete, continuous);
            StepOutcome outcome;
            if (actionSize == 0)
            {
                discreteActions.Add(discrete[0]);
                outcome = env.Step(discrete[0], observation);
            }
            else
            {
                var action = continuous.AsSpan(0, actionSize);
                continuousActions.AddRange(action);
                outcome = env.Step((ReadOnlySpan<float>)action, observation);
            }
            total += outcome.Reward;
            length++;
            if (outcome.Done)
            {
                terminated = outcome.Terminated;
                break;
            }
        }
        return new RecordedEpisode(seed, discreteActions.ToArray(), continuousActions.ToArray(), actionSize, total, length, terminated);
    }

    private static float[] ToFloats(ReadOnlySpan<double> values)
    {
        var floats = new float[values.Length];
        for (int i = 0; i < values.Length; i++) floats[i] = (float)values[i];
        return floats;
    }
}
