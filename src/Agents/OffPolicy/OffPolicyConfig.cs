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

    /// <summary>n-step returns and prioritized sampling; one-step uniform replay unless an algorithm offers more.</summary>
    public virtual ReplayOptions Replay() => ReplayOptions.Uniform;

    /// <summary>The replay buffer a run of <paramref name="config"/> allocates must fit in memory (checked before it is).</summary>
    public void ValidateReplayMemory(TrainConfig config, HyperPolicy.PolicyShapes shapes)
    {
        long capacity = Math.Min(BufferSize, config.TotalSteps);
        MemoryBudget.Check(ReplayBytes(capacity, shapes), $"{AlgorithmName}.bufferSize {BufferSize:N0}", "replay buffer");
        long widest = Math.Max(shapes.ObservationSize, Math.Max(shapes.DescriptorSize, shapes.ActionSize));
        if (capacity * widest > Array.MaxLength)
            throw new ConfigException($"{AlgorithmName}.bufferSize {BufferSize:N0}: {capacity:N0} rows of {widest} values exceed one array's {Array.MaxLength:N0}");
        if (Replay().Prioritized && capacity > SumTree.MaxCapacity)
            throw new ConfigException($"{AlgorithmName}.bufferSize {BufferSize:N0}: prioritized replay holds at most {SumTree.MaxCapacity:N0} transitions");
    }

    /// <summary>Bytes the replay of <paramref name="capacity"/> transitions allocates.</summary>
    public double ReplayBytes(long capacity, HyperPolicy.PolicyShapes shapes)
    {
        // s and s', the descriptor, the action (an int64 index, or floats), reward, terminated flag and bootstrap discount,
        // plus the priority trees when sampling is prioritized (n-step windows hold only n transitions per env).
        long bytesPerTransition = 4L * (2 * shapes.ObservationSize + shapes.DescriptorSize + 3)
                                  + (shapes.ActionKind == HyperPolicy.ActionKind.Discrete ? 8 : 4L * shapes.ActionSize);
        return (double)capacity * bytesPerTransition + Replay().ExtraBytes(capacity);
    }

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
