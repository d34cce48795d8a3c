using HyperRL.Agents.Config;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Algorithms.Ppo;

/// <summary>PPO as a package: config section "ppo", Zoo presets, its checks, and an actor-critic policy file.</summary>
public sealed class PpoPackage : AlgorithmPackage<PpoConfig>
{
    public const string AlgorithmName = "ppo";

    public override string Name => AlgorithmName;

    public override string Summary => "Proximal Policy Optimization (on-policy actor-critic; discrete or continuous actions)";

    public override string PolicyModelKind => ActorCritic.KindName;

    public override bool HasFusedBackend => true;

    public override bool HasRemoteWorkers => true;

    protected override Distributed.IRolloutWorker CreateRolloutWorker(TrainConfig config, PpoConfig hyperparameters, int workerIndex) =>
        new PpoRolloutWorker(config, hyperparameters, workerIndex);

    protected override TrainConfig PresetFor(string envId, string preset) => PpoPresets.For(envId);

    protected override void Validate(TrainConfig config, PpoConfig p, PolicyShapes shapes)
    {
        ConfigValidation.Positive(p.NumSteps, "ppo.numSteps");
        ConfigValidation.Positive(p.MinibatchSize, "ppo.minibatchSize");
        ConfigValidation.Positive(p.UpdateEpochs, "ppo.updateEpochs");
        ConfigValidation.Fraction(p.Gamma, "ppo.gamma");
        ConfigValidation.Fraction(p.GaeLambda, "ppo.gaeLambda");
        ConfigValidation.Positive(p.LearningRate, "ppo.learningRate");
        ConfigValidation.Positive(p.ClipCoef, "ppo.clipCoef");
        ConfigValidation.NonNegative(p.EntCoef, "ppo.entCoef");
        ConfigValidation.NonNegative(p.VfCoef, "ppo.vfCoef");
        ConfigValidation.Positive(p.MaxGradNorm, "ppo.maxGradNorm");
        ConfigValidation.Positive(p.AdamEpsilon, "ppo.adamEpsilon");
        if (p.TargetKl is double kl) ConfigValidation.Positive(kl, "ppo.targetKl");
        long rollout = (long)p.NumSteps * config.NumEnvs;
        // Observations, descriptors and actions, and seven floats per transition (log-prob, value, reward, done,
        // advantage, return, a discrete action's int64 counted as two).
        MemoryBudget.Check((double)rollout * 4 * (shapes.ObservationSize + shapes.DescriptorSize + shapes.ActionSize + 7),
            $"ppo.numSteps {p.NumSteps:N0} x numEnvs {config.NumEnvs:N0}", "rollout buffer");
        if (rollout > int.MaxValue) throw new ConfigException($"the rollout numSteps x numEnvs = {rollout:N0} is larger than {int.MaxValue:N0}");
        if (p.MinibatchSize > rollout)
            throw new ConfigException($"ppo.minibatchSize ({p.MinibatchSize}) exceeds the rollout size numSteps x numEnvs = {rollout}");
        if (p.MetaBatch is int metaBatch)
        {
            ConfigValidation.Positive(metaBatch, "ppo.metaBatch");
            if (config.Policy.Architectures is null)
                throw new ConfigException("ppo.metaBatch samples architectures of the policy's architecture space, but policy.architectures is not set");
            if (metaBatch > config.NumEnvs)
                throw new ConfigException($"ppo.metaBatch ({metaBatch}) exceeds numEnvs ({config.NumEnvs}): every sampled architecture acts in at least one env");
        }
        if (config.Policy.ResolvePolicyHead(shapes) is HeadKind.Q or HeadKind.Dueling)
            throw new ConfigException($"policy.head '{config.Policy.ToJObject()["head"]}' is a Q-value head; ppo needs a policy head: auto, categorical, gaussian or tanh_gaussian");
        if (config.Backend == Training.TrainingBackends.Fused && FusedPpoMinibatch.Unsupported(config.Policy, shapes) is { } unsupported)
            throw new ConfigException(unsupported);
    }

    protected override IAlgorithm Create(AlgorithmContext context, PpoConfig hyperparameters) => new Ppo(context, hyperparameters);

    /// <summary>A whole rollout: numSteps steps of every env.</summary>
    protected override long StepsPerIteration(TrainConfig config, PpoConfig hyperparameters) => (long)hyperparameters.NumSteps * config.NumEnvs;
}
