using HyperRL.Agents.Training;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.OffPolicy;

/// <summary>How an off-policy algorithm acts on a remote worker: its acting network (loaded from each request's
/// parameter vector) and its exploration (DQN: epsilon-greedy at the request's rate; SAC: sampled, or uniform
/// during warm-up).</summary>
public interface IRemoteActor : IDisposable
{
    /// <summary>The network whose parameters the learner sends (the algorithm's <see cref="Algorithms.IAlgorithm.Policy"/>).</summary>
    PolicyModel Model { get; }

    /// <summary>After new parameters were loaded into <see cref="Model"/>.</summary>
    void Refresh();

    void SelectActions(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, double explorationRate, RngRandom rng,
        Span<int> discreteActions, Span<float> continuousActions);
}
