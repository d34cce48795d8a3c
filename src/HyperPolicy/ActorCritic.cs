using HyperRL.HyperPolicy.Conditioning;
using HyperRL.HyperPolicy.Heads;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>
/// Actor-critic for PPO. obs [B, obs] float32; desc [B, d] (per row) or [d] (shared), raw descriptor values.
/// Run rollouts under torch.no_grad(): that is when generated weights are cached.
/// </summary>
public sealed class ActorCritic : nn.Module
{
    private const float ValueOutputGain = 1f;

    private readonly ConditionedNetwork actor;
    private readonly ConditionedNetwork? critic; // null: shared trunk, the value is the actor network's last output
    private readonly PolicyHead head;

    private ActorCritic(PolicySpec spec, PolicyShapes shapes) : base("actor_critic")
    {
        Spec = spec;
        Shapes = shapes;
        head = PolicyHeadFactory.Create(spec, shapes);
        var policyGains = Enumerable.Repeat(head.OutputGain, head.RawSize);
        if (spec.SharedTrunk)
        {
            actor = ConditionedNetworkFactory.Create("actor", spec.Conditioning, spec, shapes, policyGains.Append(ValueOutputGain).ToArray());
        }
        else
        {
            actor = ConditionedNetworkFactory.Create("actor", spec.Conditioning, spec, shapes, policyGains.ToArray());
            var criticConditioning = spec.Conditioning == ConditioningKind.Hyper && !spec.HyperCritic ? ConditioningKind.Concat : spec.Conditioning;
            critic = ConditionedNetworkFactory.Create("critic", criticConditioning, spec, shapes, [ValueOutputGain]);
        }
        register_module("actor", actor);
        if (critic is not null) register_module("critic", critic);
        register_module("head", head);
    }

    public PolicySpec Spec { get; }

    public PolicyShapes Shapes { get; }

    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Validates the spec against the shapes (throws <see cref="PolicySpecException"/>) and builds the network.</summary>
    public static ActorCritic Create(PolicySpec spec, PolicyShapes shapes)
    {
        spec.Validate(shapes);
        PolicyHeadFactory.RequirePolicyHead(spec, shapes);
        return new ActorCritic(spec, shapes);
    }

    public ActorCriticOutput Act(Tensor obs, Tensor desc, bool deterministic)
    {
        var (raw, value) = Forward(obs, desc);
        var (action, logProb) = head.Sample(raw, deterministic);
        return new ActorCriticOutput(action, logProb, value);
    }

    public ActorCriticEvaluation Evaluate(Tensor obs, Tensor desc, Tensor actions)
    {
        var (raw, value) = Forward(obs, desc);
        return new ActorCriticEvaluation(head.LogProb(raw, actions), head.Entropy(raw), value);
    }

    public Tensor Value(Tensor obs, Tensor desc)
    {
        InputChecks.Check(Shapes, obs, desc);
        return critic is null ? actor.Forward(obs, desc).narrow(1, head.RawSize, 1).squeeze(1) : critic.Forward(obs, desc).squeeze(1);
    }

    /// <summary>
    /// Drops cached generated weights. Not needed after ordinary training (gradient-mode forwards and optimizer steps
    /// are detected); only after editing parameters in place by hand.
    /// </summary>
    public void InvalidateGeneratedWeights()
    {
        actor.InvalidateGeneratedWeights();
        critic?.InvalidateGeneratedWeights();
    }

    internal ConditionedNetwork ActorNetwork => actor;

    internal ConditionedNetwork? CriticNetwork => critic;

    internal PolicyHead Head => head;

    private (Tensor Raw, Tensor Value) Forward(Tensor obs, Tensor desc)
    {
        InputChecks.Check(Shapes, obs, desc);
        var output = actor.Forward(obs, desc);
        if (critic is not null) return (output, critic.Forward(obs, desc).squeeze(1));
        return (output.narrow(1, 0, head.RawSize), output.narrow(1, head.RawSize, 1).squeeze(1));
    }
}
