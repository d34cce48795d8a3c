namespace HyperRL.Envs.Core;

/// <summary>What one step returns besides the observation, which is written into the caller's span.</summary>
public readonly record struct StepOutcome(float Reward, bool Terminated, bool Truncated)
{
    public bool Done => Terminated || Truncated;
}
