using HyperRL.Envs.Vector;
using HyperRL.HyperPolicy;
using static TorchSharp.torch;

namespace HyperRL.Agents.Training;

/// <summary>Deterministic actions of an actor-critic (the Gaussian mean, the categorical mode).</summary>
public sealed class ActorCriticRunner : IPolicyRunner
{
    private readonly ActorCritic _agent;
    private readonly VecNormalize? _normalizer;
    private readonly Device _device;

    public ActorCriticRunner(ActorCritic agent, VecNormalize? normalizer, Device device)
    {
        _agent = agent;
        _normalizer = normalizer;
        _device = device;
    }

    public void Act(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows, Span<int> discreteActions, Span<float> continuousActions)
    {
        var shapes = _agent.Shapes;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (obs, desc) = PolicyInputs.Prepare(observations, descriptors, rows, shapes, _normalizer, _device);
        var output = _agent.Act(obs, desc, deterministic: true);
        if (shapes.ActionKind == ActionKind.Discrete)
        {
            var actions = new long[rows];
            TensorBatch.CopyTo(output.Action, actions);
            for (int i = 0; i < rows; i++) discreteActions[i] = (int)actions[i];
        }
        else
        {
            TensorBatch.CopyTo(output.Action, continuousActions.Slice(0, rows * shapes.ActionSize));
        }
    }
}
