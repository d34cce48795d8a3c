namespace HyperRL.HyperPolicy.Inference;

/// <summary>An actor-critic for one descriptor, as C# arrays (see <see cref="MlpSnapshot"/>).</summary>
internal sealed class ActorCriticSnapshot
{
    private readonly MlpSnapshot actor;
    private readonly MlpSnapshot? critic; // null: shared trunk, the value is the actor's output after the head's
    private readonly HeadSnapshot head;
    private readonly int rawSize;
    private readonly float[] actorOutput;
    private readonly float[] criticOutput;

    public ActorCriticSnapshot(MlpSnapshot actor, MlpSnapshot? critic, HeadSnapshot head, int rawSize)
    {
        (this.actor, this.critic, this.head, this.rawSize) = (actor, critic, head, rawSize);
        actorOutput = new float[actor.OutputSize];
        criticOutput = new float[critic?.OutputSize ?? 0];
    }

    /// <summary>Returns log pi(a|s) of the action it writes; <paramref name="value"/> gets V(s).</summary>
    public float Act(ReadOnlySpan<float> observation, bool deterministic, Random rng, out int discreteAction, Span<float> continuousAction,
        out float value)
    {
        actor.Forward(observation, actorOutput);
        var logProb = head.Sample(actorOutput.AsSpan(0, rawSize), deterministic, rng, out discreteAction, continuousAction);
        value = critic is null ? actorOutput[rawSize] : Critic(observation);
        return logProb;
    }

    public float Value(ReadOnlySpan<float> observation)
    {
        if (critic is not null) return Critic(observation);
        actor.Forward(observation, actorOutput);
        return actorOutput[rawSize];
    }

    private float Critic(ReadOnlySpan<float> observation)
    {
        critic!.Forward(observation, criticOutput);
        return criticOutput[0];
    }
}
