using HyperRL.Agents.Algorithms;
using HyperRL.Agents.Config;
using HyperRL.Agents.Distributed.Protocol;
using Orleans.Concurrency;

namespace HyperRL.Agents.Distributed;

/// <summary>
/// Hosts a run's <see cref="IRolloutWorker"/> in its silo. Checks the learner's version and shapes before building
/// anything; runs collection on the thread pool (it is CPU-bound), one request at a time. A newer setup (a learner
/// that restarted, or reassigned this worker) replaces the old worker.
/// </summary>
[WorkerSiloPlacement]
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class RolloutWorkerGrain : Grain, IRolloutWorkerGrain
{
    private IRolloutWorker? _worker;
    private int _workerIndex = -1;

    public async Task<WorkerReady> Configure(WorkerSetup setup)
    {
        var ready = new WorkerReady(null, WorkerProtocol.HyperRLVersion, Environment.MachineName, Environment.ProcessId);
        if (WorkerProtocol.Mismatch(setup) is { } mismatch) return ready with { Error = mismatch };
        try
        {
            var config = ConfigReader.FromJObject(ConfigReader.ParseObject(setup.ConfigJson, "the learner's config"), "the learner's config");
            var worker = await Task.Run(() => AlgorithmRegistry.Get(config.Algo).CreateRolloutWorker(config, setup.WorkerIndex));
            if (!worker.Shapes.SameAs(setup.Expected))
            {
                worker.Dispose();
                return ready with { Error = $"the worker's envs are {worker.Shapes}, the learner's {setup.Expected}" };
            }
            _worker?.Dispose();
            (_worker, _workerIndex) = (worker, setup.WorkerIndex);
            return ready;
        }
        catch (Exception e) when (e is ConfigException or ArgumentException or InvalidOperationException or KeyNotFoundException or NotSupportedException)
        {
            return ready with { Error = $"the worker cannot build the run: {e.Message}" };
        }
    }

    public async Task<RolloutChunk> Collect(RolloutRequest request)
    {
        if (_worker is not { } worker) return RolloutChunk.Failed(WorkerProtocol.NotConfigured);
        try
        {
            return await Task.Run(() => worker.Collect(request));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return RolloutChunk.Failed($"worker {_workerIndex}: {e.Message}");
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _worker?.Dispose();
        _worker = null;
        return Task.CompletedTask;
    }
}
