namespace HyperRL.Agents.Training;

/// <summary>
/// How an algorithm computes its gradient steps. "torch": TorchSharp's autograd (any policy, any device). "fused":
/// the C# forward and backward of <see cref="HyperPolicy.Fused.FusedActorCritic"/> on the optimizer's flat buffer, for
/// the networks it covers on the CPU, where TorchSharp's per-operation cost is most of a small network's step.
/// "auto" (the default) takes fused where it covers the config and torch otherwise. Both compute the same losses on
/// the same minibatches (tests hold them within float tolerance).
/// </summary>
public static class TrainingBackends
{
    public const string Auto = "auto";
    public const string Torch = "torch";
    public const string Fused = "fused";

    public static readonly string[] Names = [Auto, Torch, Fused];
}
