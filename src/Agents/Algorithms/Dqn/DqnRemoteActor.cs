using HyperRL.Agents.OffPolicy;
using HyperRL.Agents.Training;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Algorithms.Dqn;

/// <summary>DQN's Ape-X actor: epsilon-greedy on a copy of the online Q network, epsilon from each request.</summary>
internal sealed class DqnRemoteActor(QNetwork network, int actionCount) : IRemoteActor
{
    private readonly QNetworkInference _inference = new(network);
    private int[] _greedy = [];

    public PolicyModel Model => network;

    public void Refresh() => _inference.Refresh();

    public void SelectActions(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, double explorationRate, RngRandom rng,
        Span<int> discreteActions, Span<float> continuousActions)
    {
        if (_greedy.Length != discreteActions.Length) _greedy = new int[discreteActions.Length];
        _inference.GreedyActions(observations, descriptors, discreteActions.Length, _greedy);
        for (int i = 0; i < discreteActions.Length; i++)
            discreteActions[i] = rng.Source.NextDouble() < explorationRate ? rng.Source.NextInt(actionCount) : _greedy[i];
    }

    public void Dispose() => network.Dispose();
}
