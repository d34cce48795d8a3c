using System.Diagnostics;
using HyperRL.Agents.Config;
using HyperRL.Agents.Distributed;
using HyperRL.Agents.Distributed.Protocol;
using HyperRL.Agents.Training;
using HyperRL.Envs.Util;
using HyperRL.HyperPolicy;
using HyperRL.HyperPolicy.Persistence;

namespace HyperRL.Agents.OffPolicy;

/// <summary>
/// An Ape-X actor (Horgan et al. 2018) for DQN and SAC: the run's envs and the algorithm's acting network
/// (<see cref="WorkerEnvironment{TNetwork}"/>), refreshed from every request, and the off-policy loop's transition recording: raw
/// observations, descriptors, actions, raw rewards, terminations and raw next observations (the final observation
/// where an episode ended), which the learner stores in its replay buffer as it would its own envs'.
/// </summary>
public sealed class OffPolicyRolloutWorker : IRolloutWorker
{
    private readonly WorkerEnvironment<IRemoteActor> _worker;
    private readonly RngRandom _sampling;
    private readonly int[] _actions;
    private readonly float[] _continuousActions;

    public OffPolicyRolloutWorker(TrainConfig config, int workerIndex, Func<PolicyShapes, IRemoteActor> createActor)
    {
        _worker = new WorkerEnvironment<IRemoteActor>(config, workerIndex, createActor);
        _sampling = new RngRandom(Rng.Derive((ulong)_worker.Seed, 0x4150455F));
        var envs = _worker.Pipeline.Envs;
        _actions = new int[envs.NumEnvs];
        _continuousActions = new float[envs.IsDiscrete ? 0 : envs.NumEnvs * envs.ActionSize];
    }

    public WorkerShapes Shapes => _worker.Shapes;

    public RolloutChunk Collect(RolloutRequest request)
    {
        var clock = Stopwatch.StartNew();
        if (request.Steps <= 0) return RolloutChunk.Failed($"a chunk needs at least one step, got {request.Steps}");
        var actor = _worker.Network;
        ParameterVector.Write(actor.Model, request.Parameters.ToArray());
        actor.Refresh();
        _worker.Statistics.Load(request);
        var pipeline = _worker.Pipeline;
        var (envs, raw) = (pipeline.Envs, pipeline.Raw);
        int n = envs.NumEnvs, rows = request.Steps * n, obsSize = envs.ObservationSize;
        var observations = new float[rows * obsSize];
        var nextObservations = new float[rows * obsSize];
        var descriptors = new float[rows * envs.DescriptorSize];
        var discrete = new long[envs.IsDiscrete ? rows : 0];
        var continuous = new float[envs.IsDiscrete ? 0 : rows * envs.ActionSize];
        var rewards = new float[rows];
        var terminations = new bool[rows];
        var episodes = new List<EpisodeSummary>();
        for (int t = 0; t < request.Steps; t++)
        {
            actor.SelectActions(envs.Observations, envs.Descriptors, request.ExplorationRate, _sampling, _actions, _continuousActions);
            raw.Observations.CopyTo(observations.AsSpan(t * n * obsSize));
            envs.Descriptors.CopyTo(descriptors.AsSpan(t * n * envs.DescriptorSize));
            if (envs.IsDiscrete)
            {
                for (int i = 0; i < n; i++) discrete[t * n + i] = _actions[i];
                envs.Step(_actions);
            }
            else
            {
                _continuousActions.CopyTo(continuous, t * n * envs.ActionSize);
                envs.Step(_continuousActions);
            }
            foreach (var e in pipeline.CompletedEpisodes)
                episodes.Add(EpisodeSummary.Of((t + 1) * n, e));
            var next = nextObservations.AsSpan(t * n * obsSize, n * obsSize);
            raw.Observations.CopyTo(next);
            for (int i = 0; i < n; i++)
                if (raw.Terminations[i] || raw.Truncations[i])
                    raw.FinalObservations.Slice(i * obsSize, obsSize).CopyTo(next[(i * obsSize)..]);
            raw.Rewards.CopyTo(rewards.AsSpan(t * n, n));
            raw.Terminations.CopyTo(terminations.AsSpan(t * n, n));
        }
        return new RolloutChunk(null, request.PolicyVersion, request.Steps, n, Block<float>.Of(observations), Block<float>.Of(descriptors),
            Block<long>.Of(discrete), Block<float>.Of(continuous), new([]), new([]), Block<float>.Of(rewards), new([]), new([]), episodes.ToArray(),
            _worker.Statistics.AddedObservations, _worker.Statistics.AddedReturns, clock.Elapsed.TotalSeconds, Block<float>.Of(nextObservations),
            Block<bool>.Of(terminations));
    }

    public void Dispose() => _worker.Dispose();
}
