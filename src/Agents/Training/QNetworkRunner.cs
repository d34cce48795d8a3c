using HyperRL.Envs.Vector;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Training;

/// <summary>Greedy actions of a Q-network, computed in C# from copies of the weights: create a runner per evaluation.</summary>
public sealed class QNetworkRunner : IPolicyRunner
{
    private readonly QNetwork _network;
    private readonly VecNormalize? _normalizer;
    private readonly QNetworkInference _inference;

    public QNetworkRunner(QNetwork network, VecNormalize? normalizer)
    {
        _network = network;
        _normalizer = normalizer;
        _inference = new QNetworkInference(network);
    }

    public void Act(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows, Span<int> discreteActions, Span<float> continuousActions)
    {
        var obs = PolicyInputs.NormalizedObservations(observations, rows, _network.Shapes.ObservationSize, _normalizer);
        _inference.GreedyActions(obs, descriptors, rows, discreteActions);
    }
}
