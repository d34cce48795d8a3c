using System.Diagnostics;
using HyperRL.Agents.Config;
using HyperRL.Agents.Distributed;
using HyperRL.Agents.Distributed.Protocol;
using HyperRL.Agents.Training;
using HyperRL.Envs.Util;
using HyperRL.HyperPolicy;
using HyperRL.HyperPolicy.Persistence;

namespace HyperRL.Agents.Algorithms.Ppo;

/// <summary>
/// PPO's remote rollout worker: the run's envs and a copy of the actor-critic (<see cref="WorkerEnvironment{TNetwork}"/>)
/// that loads each request's parameter vector, and the in-process rollout loop (<see cref="RolloutCollector"/>).
/// </summary>
internal sealed class PpoRolloutWorker : IRolloutWorker
{
    private readonly WorkerEnvironment<ActorCritic> _worker;
    private readonly RolloutActors _actors;
    private readonly RolloutCollector _collector;

    public PpoRolloutWorker(TrainConfig config, PpoConfig ppo, int workerIndex)
    {
        _worker = new WorkerEnvironment<ActorCritic>(config, workerIndex, shapes => ActorCritic.Create(config.Policy, shapes));
        ulong seed = (ulong)_worker.Seed;
        _actors = new RolloutActors(_worker.Network, config.NumEnvs, metaBatch: 1, Rng.Derive(seed, 0x415243));
        _collector = new RolloutCollector(_worker.Pipeline, _actors, new RngRandom(Rng.Derive(seed, 0x50504F)), ppo.Gamma);
        WarmUp(config.NumEnvs);
    }

    public WorkerShapes Shapes => _worker.Shapes;

    /// <summary>Acts once (a throwaway sampler, no env step), so the first chunk does not pay for compiling the acting
    /// path: it would count against the learner's chunk timeout and show as a slow first update.</summary>
    private void WarmUp(int n)
    {
        var envs = _worker.Pipeline.Envs;
        _actors.Act(envs.Observations, envs.Descriptors, new Random(0), new int[n], new float[n * envs.ActionSize], new float[n], new float[n]);
        _actors.Refresh();
    }

    public RolloutChunk Collect(RolloutRequest request)
    {
        var clock = Stopwatch.StartNew();
        if (request.Steps <= 0) return RolloutChunk.Failed($"a chunk needs at least one step, got {request.Steps}");
        ParameterVector.Write(_worker.Network, request.Parameters.ToArray());
        _worker.Statistics.Load(request);
        _actors.Refresh();

        var envs = _worker.Pipeline.Envs;
        int n = envs.NumEnvs;
        var buffer = new RolloutBuffer(request.Steps, n, envs.ObservationSize, envs.DescriptorSize, envs.ActionSize, envs.IsDiscrete);
        var lastValues = new float[n];
        var episodes = new List<EpisodeSummary>();
        _collector.Collect(buffer, 0, request.Steps, lastValues,
            (steps, e) => episodes.Add(EpisodeSummary.Of(steps, e)));

        return new RolloutChunk(null, request.PolicyVersion, request.Steps, n, Block<float>.Of(buffer.Observations), Block<float>.Of(buffer.Descriptors),
            Block<long>.Of(buffer.DiscreteActions), Block<float>.Of(buffer.ContinuousActions), Block<float>.Of(buffer.LogProbs), Block<float>.Of(buffer.Values),
            Block<float>.Of(buffer.Rewards), Block<bool>.Of(buffer.Dones), Block<float>.Of(lastValues), episodes.ToArray(),
            _worker.Statistics.AddedObservations, _worker.Statistics.AddedReturns, clock.Elapsed.TotalSeconds, new([]), new([]));
    }

    public void Dispose() => _worker.Dispose();
}
