namespace HyperRL.Agents.Algorithms.Ppo;

/// <summary>PPO hyperparameters; names and defaults follow CleanRL's ppo.py (Atari-free classic-control defaults).</summary>
public sealed record PpoConfig : AlgorithmConfig
{
    [Newtonsoft.Json.JsonIgnore]
    public override string AlgorithmName => PpoPackage.AlgorithmName;

    /// <summary>Steps per env per rollout (n_steps); a rollout holds NumSteps x NumEnvs transitions.</summary>
    public int NumSteps { get; init; } = 128;
    public double LearningRate { get; init; } = 2.5e-4;
    /// <summary>Linear annealing of the learning rate to 0 over training.</summary>
    public bool AnnealLearningRate { get; init; } = true;
    public override double Gamma { get; init; } = 0.99;
    public double GaeLambda { get; init; } = 0.95;
    /// <summary>Minibatch size; the rollout is split into Size / MinibatchSize shuffled minibatches per epoch.</summary>
    public int MinibatchSize { get; init; } = 128;
    public int UpdateEpochs { get; init; } = 4;
    public bool NormalizeAdvantages { get; init; } = true;
    public double ClipCoef { get; init; } = 0.2;
    /// <summary>Anneal the clip coefficient linearly to 0 as SB3's lin_0.2 schedule does.</summary>
    public bool AnnealClipCoef { get; init; }
    public bool ClipValueLoss { get; init; } = true;
    public double EntCoef { get; init; } = 0.01;
    public double VfCoef { get; init; } = 0.5;
    public double MaxGradNorm { get; init; } = 0.5;
    /// <summary>Stop the epochs of an update early once approx KL exceeds this; null disables.</summary>
    public double? TargetKl { get; init; }
    public double AdamEpsilon { get; init; } = 1e-5;
    /// <summary>With an architecture space in the policy spec: architectures sampled per rollout (HyperPPO's
    /// meta-batch), each acting in its slice of the envs; null = 8, or half the envs when there are fewer than 16, so
    /// that each architecture acts in at least two envs (on CartPole, 8 envs, validation seeds 101-103 at 300k steps:
    /// 4 left 59 of 60 architectures of 8 or more units at an eval return >= 475, 8 left 50 of 60).</summary>
    public int? MetaBatch { get; init; }

    public const int DefaultMetaBatch = 8;

    public int ResolveMetaBatch(int numEnvs) => MetaBatch ?? Math.Clamp(numEnvs / 2, 1, DefaultMetaBatch);
}
