using HyperRL.Agents.Distributed.Protocol;

namespace HyperRL.Agents.Distributed;

/// <summary>
/// The rollout worker of one worker silo, keyed by that silo's address (<see cref="WorkerSiloPlacement"/> keeps it
/// there): configured once per run, then asked for chunks.
/// </summary>
public interface IRolloutWorkerGrain : IGrainWithStringKey
{
    Task<WorkerReady> Configure(WorkerSetup setup);

    /// <summary>A chunk, or <see cref="RolloutChunk.Error"/> (not configured, or the collection failed).</summary>
    Task<RolloutChunk> Collect(RolloutRequest request);
}
