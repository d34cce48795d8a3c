using HyperRL.Envs.Vector;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Training;

/// <summary>
/// Deterministic actions of an actor-critic (the Gaussian mean, the categorical mode), computed in C# from copies of
/// the weights taken when the runner first sees a descriptor: create a runner per evaluation.
/// </summary>
public sealed class ActorCriticRunner : IPolicyRunner
{
    private readonly ActorCritic _agent;
    private readonly VecNormalize? _normalizer;
    private readonly ActorCriticInference _inference;
    private readonly Random _neverSampled = new(0); // deterministic actions draw nothing
    private float[] _logProbs = [];
    private float[] _values = [];

    public ActorCriticRunner(ActorCritic agent, VecNormalize? normalizer)
    {
        _agent = agent;
        _normalizer = normalizer;
        _inference = new ActorCriticInference(agent);
    }

    public void Act(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows, Span<int> discreteActions, Span<float> continuousActions)
    {
        var obs = PolicyInputs.NormalizedObservations(observations, rows, _agent.Shapes.ObservationSize, _normalizer);
        if (_values.Length < rows) (_logProbs, _values) = (new float[rows], new float[rows]);
        _inference.Act(obs, descriptors, rows, deterministic: true, _neverSampled, discreteActions, continuousActions, _logProbs, _values);
    }
}
