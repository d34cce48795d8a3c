using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>Action ([B] int64 discrete, [B, A] float32 continuous), its log-probability [B], and the value estimate [B].</summary>
public sealed record ActorCriticOutput(Tensor Action, Tensor LogProb, Tensor Value);

/// <summary>Log-probability [B] of given actions, policy entropy [B], and value [B].</summary>
public sealed record ActorCriticEvaluation(Tensor LogProb, Tensor Entropy, Tensor Value);
