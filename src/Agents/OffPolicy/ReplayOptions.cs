namespace HyperRL.Agents.OffPolicy;

/// <summary>
/// How an off-policy algorithm fills and samples its replay: <see cref="NStep"/>-step returns, and uniform or
/// prioritized sampling with its alpha, initial beta (annealed linearly to 1 over training) and epsilon.
/// </summary>
public sealed record ReplayOptions(int NStep, bool Prioritized, double PriorityAlpha, double PriorityBeta, double PriorityEpsilon)
{
    /// <summary>One-step transitions sampled uniformly (DQN's and SAC's defaults).</summary>
    public static ReplayOptions Uniform { get; } = new(1, false, 0.6, 0.4, 1e-6);

    /// <summary>Replay bytes per stored transition beyond the transition itself, for <paramref name="capacity"/> transitions.</summary>
    public double ExtraBytes(long capacity) => Prioritized ? SumTree.BytesFor(capacity) : 0;
}
