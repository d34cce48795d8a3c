namespace HyperRL.HyperPolicy.Inference;

/// <summary>An actor-critic's mode actions through <see cref="ActorCriticInference"/>; the log-probabilities and
/// values computed on the way are dropped. <paramref name="architecture"/>: with an architecture space, the one to act with
/// (null = the default).</summary>
internal sealed class DeterministicActorCriticPolicy(ActorCritic policy, int? architecture) : IDeterministicPolicy
{
    private readonly ActorCriticInference inference = new(policy, architecture);
    private readonly Random neverDrawn = new(0); // deterministic acting samples nothing
    private float[] logProbs = [];
    private float[] values = [];

    public void Act(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows, Span<int> discreteActions, Span<float> continuousActions)
    {
        InputChecks.CheckActionOutput(policy.Shapes, rows, discreteActions, continuousActions);
        if (logProbs.Length < rows) (logProbs, values) = (new float[rows], new float[rows]);
        inference.Act(observations, descriptors, rows, deterministic: true, neverDrawn, discreteActions, continuousActions, logProbs, values);
    }
}
