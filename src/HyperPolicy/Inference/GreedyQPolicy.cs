namespace HyperRL.HyperPolicy.Inference;

/// <summary>A Q network's argmax-Q actions through <see cref="QNetworkInference"/>.</summary>
internal sealed class GreedyQPolicy(QNetwork network) : IDeterministicPolicy
{
    private readonly QNetworkInference inference = new(network);

    public void Act(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows, Span<int> discreteActions, Span<float> continuousActions)
    {
        InputChecks.CheckActionOutput(network.Shapes, rows, discreteActions, continuousActions);
        inference.GreedyActions(observations, descriptors, rows, discreteActions);
    }
}
