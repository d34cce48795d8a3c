using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>A reparameterized action [B, A] (it carries gradients to the actor) and its log-probability [B].</summary>
public sealed record ActorSample(Tensor Action, Tensor LogProb);
