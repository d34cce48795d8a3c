using HyperRL.Envs.Vector;
using HyperRL.HyperPolicy;
using static TorchSharp.torch;

namespace HyperRL.Agents.Training;

/// <summary>Greedy actions of a Q-network.</summary>
public sealed class QNetworkRunner : IPolicyRunner
{
    private readonly QNetwork _network;
    private readonly VecNormalize? _normalizer;
    private readonly Device _device;

    public QNetworkRunner(QNetwork network, VecNormalize? normalizer, Device device)
    {
        _network = network;
        _normalizer = normalizer;
        _device = device;
    }

    public void Act(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows, Span<int> discreteActions, Span<float> continuousActions)
    {
        var shapes = _network.Shapes;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (obs, desc) = PolicyInputs.Prepare(observations, descriptors, rows, shapes, _normalizer, _device);
        var q = _network.QValues(obs, desc);
        var actions = new long[rows];
        TensorBatch.CopyTo(q.argmax(1), actions);
        for (int i = 0; i < rows; i++) discreteActions[i] = (int)actions[i];
    }
}
