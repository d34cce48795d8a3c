using HyperRL.Agents.Algorithms;
using HyperRL.Agents.Config;

namespace HyperRL.Agents.OffPolicy;

/// <summary>The replay and training-schedule hyperparameters every off-policy algorithm has (SB3's OffPolicyAlgorithm);
/// each algorithm sets its own defaults.</summary>
public abstract record OffPolicyConfig : AlgorithmConfig
{
    /// <summary>Replay capacity in transitions.</summary>
    public abstract int BufferSize { get; init; }

    /// <summary>Transitions per gradient step.</summary>
    public abstract int BatchSize { get; init; }

    /// <summary>Env steps (summed over envs) collected before learning starts.</summary>
    public abstract int LearningStarts { get; init; }

    /// <summary>Env steps (summed over envs) between training phases.</summary>
    public abstract int TrainFrequency { get; init; }

    /// <summary>Gradient steps per training phase.</summary>
    public abstract int GradientSteps { get; init; }

    /// <summary>The checks these keys need, for the config section named <paramref name="section"/>.</summary>
    public void ValidateSchedule(string section)
    {
        ConfigValidation.Positive(BufferSize, $"{section}.bufferSize");
        ConfigValidation.Positive(BatchSize, $"{section}.batchSize");
        ConfigValidation.NonNegative(LearningStarts, $"{section}.learningStarts");
        ConfigValidation.Positive(TrainFrequency, $"{section}.trainFrequency");
        ConfigValidation.Positive(GradientSteps, $"{section}.gradientSteps");
        ConfigValidation.Fraction(Gamma, $"{section}.gamma");
    }
}
