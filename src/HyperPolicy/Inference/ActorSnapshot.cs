namespace HyperRL.HyperPolicy.Inference;

/// <summary>An actor for one descriptor, as C# arrays (see <see cref="MlpSnapshot"/>).</summary>
internal sealed class ActorSnapshot(MlpSnapshot network, HeadSnapshot head)
{
    private readonly float[] raw = new float[network.OutputSize];

    /// <summary>Writes an action (sampled, or the mode when deterministic) and returns its log-probability.</summary>
    public float Act(ReadOnlySpan<float> observation, bool deterministic, Random rng, Span<float> action)
    {
        network.Forward(observation, raw);
        return head.Sample(raw, deterministic, rng, out _, action);
    }
}
