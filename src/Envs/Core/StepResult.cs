namespace HyperRL.Envs.Core;

/// <summary>Extra information of a step or reset: the descriptor the env ran with and the episode step count.</summary>
public sealed record StepInfo(double[] Descriptor, int EpisodeStep);

/// <summary>The allocating, convenient form of a step (Gymnasium's 5-tuple as a record).</summary>
public sealed record StepResult(float[] Observation, float Reward, bool Terminated, bool Truncated, StepInfo Info)
{
    public bool Done => Terminated || Truncated;
}

/// <summary>The allocating, convenient form of a reset.</summary>
public sealed record ResetResult(float[] Observation, StepInfo Info);
