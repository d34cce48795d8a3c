namespace HyperRL.Agents.OffPolicy;

/// <summary>The sizes of one stored transition's parts: what the replay buffer, its minibatches and the n-step windows
/// lay out their rows by.</summary>
public readonly record struct TransitionShape(int ObservationSize, int DescriptorSize, int ActionSize, bool IsDiscrete);
