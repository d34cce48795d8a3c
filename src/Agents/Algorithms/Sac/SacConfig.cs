using HyperRL.Agents.OffPolicy;

namespace HyperRL.Agents.Algorithms.Sac;

/// <summary>SAC hyperparameters; names and defaults follow Stable-Baselines3's SAC (which RL Baselines3 Zoo tunes) and
/// CleanRL's sac_continuous_action.py.</summary>
public sealed record SacConfig : OffPolicyConfig
{
    [Newtonsoft.Json.JsonIgnore]
    public override string AlgorithmName => SacPackage.AlgorithmName;

    /// <summary>Adam's learning rate for the actor, the critics and the entropy coefficient.</summary>
    public double LearningRate { get; init; } = 3e-4;
    /// <summary>Linear annealing of the learning rate to 0 over training (the Zoo's lin_X).</summary>
    public bool AnnealLearningRate { get; init; }
    public override int BufferSize { get; init; } = 1_000_000;
    /// <summary>Env steps of uniformly random actions before learning starts.</summary>
    public override int LearningStarts { get; init; } = 100;
    public override int BatchSize { get; init; } = 256;
    /// <summary>Polyak coefficient of the target critics, applied after every gradient step.</summary>
    public double Tau { get; init; } = 0.005;
    public override double Gamma { get; init; } = 0.99;
    public override int TrainFrequency { get; init; } = 1;
    public override int GradientSteps { get; init; } = 1;
    /// <summary>Tune the entropy coefficient alpha so the policy's entropy tracks <see cref="TargetEntropy"/> (SB3's ent_coef "auto").</summary>
    public bool AutoEntropy { get; init; } = true;
    /// <summary>alpha: its initial value when tuned, its fixed value otherwise.</summary>
    public double EntCoef { get; init; } = 1.0;
    /// <summary>Target entropy of the tuned alpha; null means -dim(A), the heuristic of Haarnoja et al. 2018b.</summary>
    public double? TargetEntropy { get; init; }
    /// <summary>Number of Q critics whose minimum forms the target (2: clipped double Q).</summary>
    public int Critics { get; init; } = 2;
}
