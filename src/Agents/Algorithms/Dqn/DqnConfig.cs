using HyperRL.Agents.Config;
using HyperRL.Agents.OffPolicy;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Algorithms.Dqn;

/// <summary>DQN hyperparameters; names and defaults follow CleanRL's dqn.py and SB3's DQN.</summary>
public sealed record DqnConfig : OffPolicyConfig
{
    [Newtonsoft.Json.JsonIgnore]
    public override string AlgorithmName => DqnPackage.AlgorithmName;

    public double LearningRate { get; init; } = 2.5e-4;
    /// <summary>Linear annealing of the learning rate to 0 over training (the Zoo's lin_X).</summary>
    public bool AnnealLearningRate { get; init; }
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
    /// <summary>"none" (a scalar Q per action), "qr" (QR-DQN, Dabney et al. 2018) or "c51" (Bellemare et al. 2017).</summary>
    public string Distributional { get; init; } = "none";
    /// <summary>QR-DQN's number of quantiles N (sb3-contrib's n_quantiles default).</summary>
    public int Quantiles { get; init; } = 200;
    /// <summary>C51's number of atoms of the support.</summary>
    public int Atoms { get; init; } = 51;
    /// <summary>C51's support [vMin, vMax]; it should cover the env's discounted returns.</summary>
    public double VMin { get; init; } = -10;
    public double VMax { get; init; } = 10;
    /// <summary>Noisy nets (Fortunato et al. 2018, factorized Gaussian): exploration by weight noise, epsilon fixed at 0.</summary>
    public bool Noisy { get; init; }
    /// <summary>sigma_0 of the noisy layers: noise scales start at sigma_0 / sqrt(fan_in).</summary>
    public double NoisySigma { get; init; } = 0.5;

    /// <summary>
    /// The Q network these settings describe (validated by <see cref="DqnPackage"/> first). Settings of the kinds not
    /// chosen keep their defaults, so that a plain DQN's policy file (whose preset may set a C51 support) has no options.
    /// </summary>
    public QNetworkOptions NetworkOptions()
    {
        var kind = QNetworkOptions.ParseDistribution(Distributional) ?? throw new ConfigException(
            $"dqn.distributional '{Distributional}' is unknown; valid: {string.Join(", ", QNetworkOptions.DistributionNames.Select(n => n.Name))}");
        var defaults = QNetworkOptions.Default;
        return new QNetworkOptions
        {
            Distribution = kind,
            Quantiles = kind == QDistributionKind.Quantile ? Quantiles : defaults.Quantiles,
            Atoms = kind == QDistributionKind.Categorical ? Atoms : defaults.Atoms,
            VMin = kind == QDistributionKind.Categorical ? (float)VMin : defaults.VMin,
            VMax = kind == QDistributionKind.Categorical ? (float)VMax : defaults.VMax,
            Noisy = Noisy,
            NoisySigma = Noisy ? (float)NoisySigma : defaults.NoisySigma,
        };
    }
}
