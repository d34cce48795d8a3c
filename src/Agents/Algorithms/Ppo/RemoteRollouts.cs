using HyperRL.Agents.Distributed;
using HyperRL.Agents.Distributed.Protocol;
using HyperRL.Agents.Environments;
using HyperRL.Envs.Vector.Wrappers;
using HyperRL.HyperPolicy;
using HyperRL.HyperPolicy.Persistence;

namespace HyperRL.Agents.Algorithms.Ppo;

/// <summary>
/// PPO's rollout through remote workers, synchronously (as RLlib's synchronous sampling): broadcast policy version
/// v (the parameter vector and the normalization statistics), gather numSteps x numEnvs transitions over the
/// workers (each contributes contiguous segments of its own envs), merge what the chunks added to the statistics,
/// and lay the segments out in the rollout buffer one after another. GAE runs per segment, each bootstrapped with
/// its worker's V(s_T).
/// </summary>
internal sealed class RemoteRollouts(RemoteWorkerPool pool, ActorCritic agent, EnvPipeline pipeline)
{
    private int _version;

    public IReadOnlyList<RolloutSegment> Collect(RolloutBuffer buffer, Action<int, EpisodeRecord> onEpisode, CancellationToken cancellation)
    {
        _version++;
        var parameters = Block<float>.Of(ParameterVector.Read(agent));
        var (observations, returns) = ChunkStatistics.Of(pipeline);
        var chunks = pool.Gather(buffer.NumSteps, steps => new RolloutRequest(_version, parameters, observations, returns, steps), cancellation);

        var segments = new List<RolloutSegment>();
        int t = 0, stepsBefore = 0, n = buffer.NumEnvs;
        foreach (var (_, chunk) in chunks)
        {
            if (chunk.NumEnvs != n) throw new RemoteWorkersException($"a worker returned {chunk.NumEnvs} envs per step, the run has {n}");
            Place(buffer, t, chunk);
            segments.Add(new RolloutSegment(t, chunk.Steps, chunk.LastValues.ToArray()));
            foreach (var e in chunk.Episodes)
                onEpisode(stepsBefore + e.StepOffset, e.ToRecord());
            ChunkStatistics.Merge(pipeline, chunk);
            t += chunk.Steps;
            stepsBefore += chunk.Steps * n;
        }
        return segments;
    }

    private static void Place(RolloutBuffer buffer, int firstStep, RolloutChunk chunk)
    {
        int n = buffer.NumEnvs, rows = chunk.Steps * n, row = firstStep * n;
        bool discrete = buffer.DiscreteActions.Length > 0;
        if (chunk.Observations.Length != rows * buffer.ObservationSize || chunk.Descriptors.Length != rows * buffer.DescriptorSize
            || (discrete ? chunk.DiscreteActions.Length != rows : chunk.ContinuousActions.Length != rows * buffer.ActionSize)
            || chunk.LogProbs.Length != rows || chunk.Values.Length != rows || chunk.Rewards.Length != rows || chunk.Dones.Length != rows
            || chunk.LastValues.Length != n)
            throw new RemoteWorkersException($"a worker returned a chunk whose arrays do not hold {chunk.Steps} x {n} transitions of this run");
        chunk.Observations.Span.CopyTo(buffer.Observations.AsSpan(row * buffer.ObservationSize, rows * buffer.ObservationSize));
        chunk.Descriptors.Span.CopyTo(buffer.Descriptors.AsSpan(row * buffer.DescriptorSize, rows * buffer.DescriptorSize));
        if (discrete) chunk.DiscreteActions.Span.CopyTo(buffer.DiscreteActions.AsSpan(row, rows));
        else chunk.ContinuousActions.Span.CopyTo(buffer.ContinuousActions.AsSpan(row * buffer.ActionSize, rows * buffer.ActionSize));
        chunk.LogProbs.Span.CopyTo(buffer.LogProbs.AsSpan(row, rows));
        chunk.Values.Span.CopyTo(buffer.Values.AsSpan(row, rows));
        chunk.Rewards.Span.CopyTo(buffer.Rewards.AsSpan(row, rows));
        chunk.Dones.Span.CopyTo(buffer.Dones.AsSpan(row, rows));
    }
}
