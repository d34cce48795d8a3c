using HyperRL.Agents.Algorithms;
using HyperRL.Agents.Config;
using HyperRL.Agents.Distributed.Protocol;
using Orleans.Concurrency;

namespace HyperRL.Agents.Distributed;

/// <summary>
/// Serves its silo's <see cref="IRolloutWorker"/> (kept in the silo's <see cref="WorkerSlot"/>). Checks the learner's
/// version and shapes before building anything; runs collection on the thread pool (it is CPU-bound), one request at
/// a time. A newer setup (a learner that restarted, or reassigned this worker) replaces the old worker.
/// </summary>
[WorkerSiloPlacement]
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class RolloutWorkerGrain(WorkerSlot slot) : Grain, IRolloutWorkerGrain
{
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
            slot.Replace(worker, setup.WorkerIndex);
            return ready;
        }
        catch (Exception e) when (e is ConfigException or ArgumentException or InvalidOperationException or KeyNotFoundException or NotSupportedException)
        {
            return ready with { Error = $"the worker cannot build the run: {e.Message}" };
        }
    }

    public async Task<RolloutChunk> Collect(RolloutRequest request)
    {
        var (worker, index) = slot.Current;
        if (worker is null) return RolloutChunk.Failed(WorkerProtocol.NotConfigured);
        try
        {
            return await Task.Run(() => slot.Use(w => w.Collect(request)));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return RolloutChunk.Failed(e.Message == WorkerProtocol.NotConfigured ? e.Message : $"worker {index}: {e.Message}");
        }
    }
}
