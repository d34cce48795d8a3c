using HyperRL.Agents.Environments;
using HyperRL.Envs.Vector.Wrappers;

namespace HyperRL.Agents.Algorithms.Ppo;

/// <summary>
/// Steps an env pipeline with the rollout actors and writes T steps x N envs into a <see cref="RolloutBuffer"/>:
/// observations, descriptors, actions, log-probabilities, values, rewards (truncated episodes bootstrapped with
/// gamma * V(final observation), as SB3 does: a time-limit end is not a real end) and dones; then V of the last
/// observations. The same loop runs in-process and on a remote rollout worker.
/// </summary>
internal sealed class RolloutCollector(EnvPipeline pipeline, RolloutActors actors, Random sampling, double gamma)
{
    private readonly int[] _actions = new int[pipeline.Envs.NumEnvs];
    private readonly float[] _continuousActions = new float[pipeline.Envs.NumEnvs * pipeline.Envs.ActionSize];
    private readonly float[] _values = new float[pipeline.Envs.NumEnvs];
    private readonly float[] _logProbs = new float[pipeline.Envs.NumEnvs];

    /// <summary>Fills steps <paramref name="firstStep"/> .. +<paramref name="steps"/> of <paramref name="buffer"/>
    /// (its NumEnvs must be the pipeline's) and writes V(s_T) of every env to <paramref name="lastValues"/>;
    /// <paramref name="onEpisode"/> sees every finished episode with the env steps taken so far in this call.</summary>
    public void Collect(RolloutBuffer buffer, int firstStep, int steps, Span<float> lastValues, Action<int, EpisodeRecord> onEpisode)
    {
        var envs = pipeline.Envs;
        int n = envs.NumEnvs;
        if (buffer.NumEnvs != n) throw new ArgumentException($"the buffer holds {buffer.NumEnvs} envs, the pipeline steps {n}");
        for (int t = firstStep; t < firstStep + steps; t++)
        {
            envs.Observations.CopyTo(buffer.ObservationsAt(t));
            envs.Descriptors.CopyTo(buffer.DescriptorsAt(t));
            actors.Act(envs.Observations, envs.Descriptors, sampling, _actions, _continuousActions, _logProbs, _values);
            if (envs.IsDiscrete)
                for (int i = 0; i < n; i++) buffer.DiscreteActions[t * n + i] = _actions[i];
            else
                _continuousActions.CopyTo(buffer.ContinuousActions, t * n * envs.ActionSize);
            _values.CopyTo(buffer.RowAt(buffer.Values, t));
            _logProbs.CopyTo(buffer.RowAt(buffer.LogProbs, t));

            if (envs.IsDiscrete) envs.Step(_actions);
            else envs.Step(_continuousActions);
            foreach (var episode in pipeline.CompletedEpisodes) onEpisode((t - firstStep + 1) * n, episode);

            var rewards = buffer.RowAt(buffer.Rewards, t);
            envs.Rewards.CopyTo(rewards);
            BootstrapTruncated(rewards);
            for (int i = 0; i < n; i++) buffer.Dones[t * n + i] = envs.Terminations[i] || envs.Truncations[i];
        }
        actors.Values(envs.Observations, envs.Descriptors, lastValues);
    }

    private void BootstrapTruncated(Span<float> rewards)
    {
        var envs = pipeline.Envs;
        int obsSize = envs.ObservationSize, descSize = envs.DescriptorSize;
        for (int i = 0; i < envs.NumEnvs; i++)
        {
            if (!(envs.Truncations[i] && !envs.Terminations[i])) continue;
            float value = actors.Value(i, envs.FinalObservations.Slice(i * obsSize, obsSize), envs.FinalDescriptors.Slice(i * descSize, descSize));
            rewards[i] += (float)(gamma * value);
        }
    }
}
