using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace HyperRL.Agents.Distributed;

/// <summary>
/// Places a grain on the silo whose address is its key, and nowhere else: a worker grain's envs are its silo's CPU,
/// so when that silo is gone a call must fail (and the learner count the chunk lost) instead of the grain quietly
/// coming back to life on another silo.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class WorkerSiloPlacement : PlacementStrategy;

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class WorkerSiloPlacementAttribute() : PlacementAttribute(new WorkerSiloPlacement());

internal sealed class WorkerSiloPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        string key = target.GrainIdentity.Key.ToString()!;
        var silo = SiloAddress.FromParsableString(key);
        if (!context.GetCompatibleSilos(target).Contains(silo))
            throw new OrleansException($"worker silo {key} is not an active member of the cluster");
        return Task.FromResult(silo);
    }
}
