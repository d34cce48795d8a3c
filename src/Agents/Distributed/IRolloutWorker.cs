using HyperRL.Agents.Distributed.Protocol;

namespace HyperRL.Agents.Distributed;

/// <summary>
/// The algorithm's side of a remote rollout worker: it owns a slice of vector envs built from the run's config and
/// acts in them with the policy snapshots it is sent. Built by the algorithm's package
/// (<see cref="Algorithms.IAlgorithmPackage.CreateRolloutWorker"/>); a worker grain hosts one.
/// </summary>
public interface IRolloutWorker : IDisposable
{
    /// <summary>The shapes of the envs it built, which the learner's must equal.</summary>
    WorkerShapes Shapes { get; }

    RolloutChunk Collect(RolloutRequest request);
}
