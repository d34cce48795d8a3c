using System.Diagnostics;
using HyperRL.Agents.Config;
using HyperRL.Agents.Distributed;
using HyperRL.Agents.Distributed.Protocol;
using HyperRL.Agents.Environments;
using HyperRL.Agents.Training;
using HyperRL.Envs.Util;
using HyperRL.HyperPolicy;
using HyperRL.HyperPolicy.Persistence;

namespace HyperRL.Agents.Algorithms.Ppo;

/// <summary>
/// PPO's remote rollout worker: the run's envs (numEnvs of them, reset with a seed of the worker's own), a copy of
/// the actor-critic that loads each request's parameter vector, and the in-process rollout loop
/// (<see cref="RolloutCollector"/>). The normalization wrappers start every chunk from the learner's statistics and
/// update them as in-process; what the chunk added goes back for the learner to merge.
/// </summary>
internal sealed class PpoRolloutWorker : IRolloutWorker
{
    private readonly EnvPipeline _pipeline;
    private readonly ActorCritic _agent;
    private readonly RolloutActors _actors;
    private readonly RolloutCollector _collector;

    public PpoRolloutWorker(TrainConfig config, PpoConfig ppo, int workerIndex)
    {
        TorchSharp.torch.set_num_threads(config.TorchThreads); // the worker process's, as the learner's
        var options = EnvSetup.TrainingOptions(config);
        var probe = EnvSetup.Probe(config, options);
        var shapes = EnvSetup.Shapes(config, probe);
        Shapes = WorkerShapes.Of(config, shapes);
        _pipeline = EnvPipeline.ForTraining(config, options);
        try
        {
            _pipeline.Envs.Reset(RunSeeds.Worker(config.Seed, workerIndex));
            // Its weights come from the learner: building them must not move the process's torch generator (a worker
            // silo inside the learner's process, as in tests, would change the learner's draws).
            using (var generator = TorchSharp.torch.random.get_rng_state())
            {
                _agent = ActorCritic.Create(config.Policy, shapes);
                TorchSharp.torch.random.set_rng_state(generator);
            }
            ulong seed = (ulong)RunSeeds.Worker(config.Seed, workerIndex);
            _actors = new RolloutActors(_agent, config.NumEnvs, metaBatch: 1, Rng.Derive(seed, 0x415243));
            _collector = new RolloutCollector(_pipeline, _actors, new RngRandom(Rng.Derive(seed, 0x50504F)), ppo.Gamma);
            WarmUp(config.NumEnvs);
        }
        catch
        {
            _pipeline.Dispose();
            throw;
        }
    }

    public WorkerShapes Shapes { get; }

    /// <summary>Acts once (a throwaway sampler, no env step), so the first chunk does not pay for compiling the acting
    /// path: it would count against the learner's chunk timeout and show as a slow first update.</summary>
    private void WarmUp(int n)
    {
        var envs = _pipeline.Envs;
        _actors.Act(envs.Observations, envs.Descriptors, new Random(0), new int[n], new float[n * envs.ActionSize], new float[n], new float[n]);
        _actors.Refresh();
    }

    public RolloutChunk Collect(RolloutRequest request)
    {
        var clock = Stopwatch.StartNew();
        if (request.Steps <= 0) return RolloutChunk.Failed($"a chunk needs at least one step, got {request.Steps}");
        ParameterVector.Write(_agent, request.Parameters.ToArray());
        var observationsBefore = LoadStatistics(_pipeline.ObservationNormalizer?.Statistics, request.Observations, "observation");
        var returnsBefore = LoadStatistics(_pipeline.RewardNormalizer?.Statistics, request.Returns, "return");
        _actors.Refresh();

        var envs = _pipeline.Envs;
        int n = envs.NumEnvs;
        var buffer = new RolloutBuffer(request.Steps, n, envs.ObservationSize, envs.DescriptorSize, envs.ActionSize, envs.IsDiscrete);
        var lastValues = new float[n];
        var episodes = new List<EpisodeSummary>();
        _collector.Collect(buffer, 0, request.Steps, lastValues,
            (steps, e) => episodes.Add(new EpisodeSummary(steps, e.EnvIndex, e.Return, e.Length, e.Descriptor, e.Truncated)));

        return new RolloutChunk(null, request.PolicyVersion, request.Steps, n, Block<float>.Of(buffer.Observations), Block<float>.Of(buffer.Descriptors),
            Block<long>.Of(buffer.DiscreteActions), Block<float>.Of(buffer.ContinuousActions), Block<float>.Of(buffer.LogProbs), Block<float>.Of(buffer.Values),
            Block<float>.Of(buffer.Rewards), Block<bool>.Of(buffer.Dones), Block<float>.Of(lastValues), episodes.ToArray(),
            Added(observationsBefore, _pipeline.ObservationNormalizer?.Statistics), Added(returnsBefore, _pipeline.RewardNormalizer?.Statistics),
            clock.Elapsed.TotalSeconds);
    }

    private RunningMeanStdState? LoadStatistics(RunningMeanStd? statistics, StatisticsSnapshot? sent, string what)
    {
        if ((statistics is null) != (sent is null))
            throw new InvalidOperationException($"the learner {(sent is null ? "sent no" : "sent")} {what} statistics, but this worker's config " +
                                                $"{(statistics is null ? "does not normalize" : "normalizes")} them");
        if (statistics is null) return null;
        var state = sent!.ToState();
        statistics.Load(state);
        return state;
    }

    private static StatisticsSnapshot? Added(RunningMeanStdState? before, RunningMeanStd? statistics) =>
        before is null ? null : StatisticsSnapshot.From(RunningMeanStd.Added(before, statistics!.Save()));

    public void Dispose()
    {
        _agent.Dispose();
        _pipeline.Dispose();
    }
}
