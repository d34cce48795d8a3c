namespace HyperRL.HyperPolicy.Inference;

/// <summary>A SAC actor's mode actions (tanh of the mean, in the action box) through <see cref="ActorInference"/>.</summary>
internal sealed class DeterministicActorPolicy(Actor actor) : IDeterministicPolicy
{
    private readonly ActorInference inference = new(actor);
    private readonly Random neverDrawn = new(0); // deterministic acting samples nothing
    private float[] logProbs = [];

    public void Act(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows, Span<int> discreteActions, Span<float> continuousActions)
    {
        InputChecks.CheckActionOutput(actor.Shapes, rows, discreteActions, continuousActions);
        if (logProbs.Length < rows) logProbs = new float[rows];
        inference.Act(observations, descriptors, rows, deterministic: true, neverDrawn, continuousActions, logProbs);
    }
}
