using HyperRL.Agents.OffPolicy;

namespace HyperRL.Agents.Algorithms.Dqn;

/// <summary>DQN hyperparameters; names and defaults follow CleanRL's dqn.py and SB3's DQN.</summary>
public sealed record DqnConfig : OffPolicyConfig
{
    [Newtonsoft.Json.JsonIgnore]
    public override string AlgorithmName => DqnPackage.AlgorithmName;

    public double LearningRate { get; init; } = 2.5e-4;
    public override int BufferSize { get; init; } = 10_000;
    public override double Gamma { get; init; } = 0.99;
    /// <summary>Polyak coefficient for the target network; 1 means a hard copy every <see cref="TargetUpdateInterval"/>.</summary>
    public double Tau { get; init; } = 1.0;
    /// <summary>Env steps (summed over envs) between target updates.</summary>
    public int TargetUpdateInterval { get; init; } = 500;
    public override int BatchSize { get; init; } = 128;
    public double StartEpsilon { get; init; } = 1.0;
    public double EndEpsilon { get; init; } = 0.05;
    /// <summary>Fraction of training over which epsilon decays linearly.</summary>
    public double ExplorationFraction { get; init; } = 0.5;
    public override int LearningStarts { get; init; } = 10_000;
    public override int TrainFrequency { get; init; } = 10;
    public override int GradientSteps { get; init; } = 1;
    public bool DoubleDqn { get; init; } = true;
    public double MaxGradNorm { get; init; } = 10;

    /// <summary>Rewards summed before bootstrapping (n-step returns); 1 is one-step DQN.</summary>
    public int NStep { get; init; } = 1;

    /// <summary>Sample transitions by TD error (proportional prioritized replay) instead of uniformly.</summary>
    public bool Prioritized { get; init; }

    /// <summary>How strongly priorities skew sampling: P(i) ~ p_i^alpha (0 is uniform).</summary>
    public double PriorityAlpha { get; init; } = 0.6;

    /// <summary>Initial importance-sampling exponent, annealed linearly to 1 over training.</summary>
    public double PriorityBeta { get; init; } = 0.4;

    /// <summary>Added to |TD error| so that no transition's priority is 0.</summary>
    public double PriorityEpsilon { get; init; } = 1e-6;

    public override ReplayOptions Replay() => new(NStep, Prioritized, PriorityAlpha, PriorityBeta, PriorityEpsilon);
}
