using HyperRL.Agents.Config;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Algorithms.Sac;

/// <summary>SAC as a package: config section "sac", Zoo presets, its checks, and an actor policy file.</summary>
public sealed class SacPackage : AlgorithmPackage<SacConfig>
{
    public const string AlgorithmName = "sac";

    public override string Name => AlgorithmName;

    public override string Summary => "Soft Actor-Critic with twin critics and a tuned entropy coefficient (off-policy; continuous actions)";

    public override string PolicyModelKind => Actor.KindName;

    protected override TrainConfig PresetFor(string envId, string preset) => SacPresets.For(envId);

    protected override void Validate(TrainConfig config, SacConfig s, PolicyShapes shapes)
    {
        if (shapes.ActionKind != ActionKind.Continuous)
            throw new ConfigException($"sac needs continuous actions, but {config.Env} has discrete ones");
        s.ValidateSchedule("sac");
        ConfigValidation.Positive(s.LearningRate, "sac.learningRate");
        if (!(s.Tau is > 0 and <= 1)) throw new ConfigException($"sac.tau must be in (0, 1], got {s.Tau}");
        ConfigValidation.Positive(s.EntCoef, "sac.entCoef");
        if (s.TargetEntropy is double target && !double.IsFinite(target)) throw new ConfigException($"sac.targetEntropy must be finite, got {target}");
        if (s.Critics < 1) throw new ConfigException($"sac.critics must be at least 1, got {s.Critics}");
        if (config.Policy.Head is not (HeadKind.Auto or HeadKind.TanhGaussian))
            throw new ConfigException($"policy.head '{config.Policy.ToJObject()["head"]}' cannot drive sac: it needs tanh_gaussian (a squashed Gaussian whose log-probability the entropy term uses)");
    }

    public override bool HasRemoteWorkers => true;

    protected override Distributed.IRolloutWorker CreateRolloutWorker(TrainConfig config, SacConfig hyperparameters, int workerIndex) =>
        new OffPolicy.OffPolicyRolloutWorker(config, workerIndex,
            shapes => new SacRemoteActor(Actor.Create(config.Policy, shapes), shapes.ActionLow!, shapes.ActionHigh!));

    protected override IAlgorithm Create(AlgorithmContext context, SacConfig hyperparameters) => new Sac(context, hyperparameters);
}
