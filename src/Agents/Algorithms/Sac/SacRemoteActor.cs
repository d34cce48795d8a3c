using HyperRL.Agents.OffPolicy;
using HyperRL.Agents.Training;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Algorithms.Sac;

/// <summary>SAC's Ape-X actor: actions sampled from a copy of the actor; exploration rate 1 (the learner's warm-up,
/// before learningStarts) draws them uniformly over the action box instead, as in-process.</summary>
internal sealed class SacRemoteActor(Actor actor, float[] low, float[] high) : IRemoteActor
{
    private readonly ActorInference _inference = new(actor);
    private float[] _logProbs = [];

    public PolicyModel Model => actor;

    public void Refresh() => _inference.Refresh();

    public void SelectActions(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, double explorationRate, RngRandom rng,
        Span<int> discreteActions, Span<float> continuousActions)
    {
        if (explorationRate >= 1)
        {
            for (int k = 0; k < continuousActions.Length; k++) continuousActions[k] = (float)rng.Source.Uniform(low[k % low.Length], high[k % high.Length]);
            return;
        }
        int rows = continuousActions.Length / low.Length;
        if (_logProbs.Length != rows) _logProbs = new float[rows];
        _inference.Act(observations, descriptors, rows, deterministic: false, rng, continuousActions, _logProbs);
    }

    public void Dispose() => actor.Dispose();
}
