using HyperRL.Agents.Config;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Algorithms.Dqn;

/// <summary>DQN as a package: config section "dqn", Zoo presets, its checks, and a Q-network policy file.</summary>
public sealed class DqnPackage : AlgorithmPackage<DqnConfig>
{
    public const string AlgorithmName = "dqn";

    /// <summary>Longer windows bootstrap so far ahead that DQN is mostly Monte Carlo; such a value is almost surely a typo.</summary>
    public const int MaxNStep = 100;

    public override string Name => AlgorithmName;

    public override string Summary => "Deep Q-Network with Double DQN, dueling heads, QR-DQN/C51 and noisy nets (off-policy; discrete actions)";

    public override string PolicyModelKind => QNetwork.KindName;

    public override IReadOnlyList<string> PresetNames { get; } = [Presets.Presets.Default, DqnPresets.RainbowName];

    protected override TrainConfig PresetFor(string envId, string preset) =>
        preset == DqnPresets.RainbowName ? DqnPresets.Rainbow(envId) : DqnPresets.For(envId);

    protected override void Validate(TrainConfig config, DqnConfig d, PolicyShapes shapes)
    {
        if (shapes.ActionKind != ActionKind.Discrete)
            throw new ConfigException($"dqn needs discrete actions, but {config.Env} has continuous ones");
        if (config.RemoteWorkers > 0 && d.Noisy)
            throw new ConfigException("dqn.noisy explores through the online network's noise, which remote actors do not share; use epsilon-greedy actors (noisy false)");
        d.ValidateSchedule("dqn");
        ConfigValidation.Positive(d.LearningRate, "dqn.learningRate");
        ConfigValidation.Positive(d.TargetUpdateInterval, "dqn.targetUpdateInterval");
        if (!(d.Tau is > 0 and <= 1)) throw new ConfigException($"dqn.tau must be in (0, 1], got {d.Tau}");
        ConfigValidation.Fraction(d.StartEpsilon, "dqn.startEpsilon");
        ConfigValidation.Fraction(d.EndEpsilon, "dqn.endEpsilon");
        ConfigValidation.Fraction(d.ExplorationFraction, "dqn.explorationFraction");
        ConfigValidation.Positive(d.MaxGradNorm, "dqn.maxGradNorm");
        if (d.NStep is < 1 or > MaxNStep)
            throw new ConfigException($"dqn.nStep must be between 1 and {MaxNStep} (rewards summed before bootstrapping; Rainbow uses 3), got {d.NStep}");
        ConfigValidation.Fraction(d.PriorityAlpha, "dqn.priorityAlpha");
        ConfigValidation.Fraction(d.PriorityBeta, "dqn.priorityBeta");
        if (!(d.PriorityEpsilon > 0) || double.IsInfinity(d.PriorityEpsilon))
            throw new ConfigException($"dqn.priorityEpsilon must be a positive number (it keeps every priority above 0), got {d.PriorityEpsilon}");
        var options = d.NetworkOptions(); // unknown kinds fail here, listing the valid ones
        if (options.Distribution == QDistributionKind.Quantile && d.Quantiles < 1)
            throw new ConfigException($"dqn.quantiles must be at least 1, got {d.Quantiles}");
        if (options.Distribution == QDistributionKind.Categorical && d.Atoms < 2)
            throw new ConfigException($"dqn.atoms must be at least 2, got {d.Atoms}");
        if (options.Distribution == QDistributionKind.Categorical && !(d.VMin < d.VMax))
            throw new ConfigException($"dqn.vMin must be below dqn.vMax, got {d.VMin} and {d.VMax}");
        if (d.Noisy) ConfigValidation.Positive(d.NoisySigma, "dqn.noisySigma");
        if (config.Policy.ResolveQHead() is not (HeadKind.Q or HeadKind.Dueling))
            throw new ConfigException($"policy.head '{config.Policy.ToJObject()["head"]}' is a policy head; dqn needs a Q-value head: auto, q or dueling");
        if (config.Backend == Training.TrainingBackends.Fused && FusedDqnMinibatch.Unsupported(config.Policy, shapes, options) is { } unsupported)
            throw new ConfigException(unsupported);
    }

    public override bool HasRemoteWorkers => true;

    public override bool HasFusedBackend => true;

    protected override Distributed.IRolloutWorker CreateRolloutWorker(TrainConfig config, DqnConfig hyperparameters, int workerIndex) =>
        new OffPolicy.OffPolicyRolloutWorker(config, workerIndex,
            shapes => new DqnRemoteActor(QNetwork.Create(config.Policy, shapes, hyperparameters.NetworkOptions()), shapes.ActionSize));

    protected override IAlgorithm Create(AlgorithmContext context, DqnConfig hyperparameters) => new Dqn(context, hyperparameters);
}
