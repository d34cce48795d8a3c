using HyperRL.HyperPolicy.Conditioning;
using HyperRL.HyperPolicy.Heads;
using HyperRL.HyperPolicy.Onnx;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>
/// SAC's actor pi(a | s, d) alone (Haarnoja et al. 2018; CleanRL sac_continuous_action): one conditioned network (any
/// scheme) and a continuous policy head, no value function. Head tanh_gaussian (auto) squashes into the action box;
/// gaussian is allowed and leaves actions unbounded. obs [B, obs] float32; desc [B, d] (per row) or [d] (shared), raw
/// descriptor values.
/// </summary>
public sealed class Actor : PolicyModel
{
    /// <summary>The policy-file model kind.</summary>
    public const string KindName = "actor";

    private readonly ConditionedNetwork network;
    private readonly PolicyHead head;

    private Actor(PolicySpec spec, PolicyShapes shapes, HeadKind headKind) : base(KindName, spec, shapes)
    {
        head = PolicyHeadFactory.Create(headKind, spec, shapes);
        network = ConditionedNetworkFactory.Create("network", spec.Conditioning, spec, shapes, Enumerable.Repeat(head.OutputGain, head.RawSize).ToArray());
        register_module("network", network);
        register_module("head", head);
    }

    public override string Kind => KindName;

    /// <summary>Validates the spec against the shapes (throws <see cref="PolicySpecException"/>) and builds the actor.</summary>
    public static Actor Create(PolicySpec spec, PolicyShapes shapes)
    {
        if (shapes.ActionKind != ActionKind.Continuous)
            throw new PolicySpecException("an actor (SAC) needs continuous actions, but the environment's actions are discrete; use an actor-critic or a Q network");
        var head = spec.ResolveActorHead();
        if (head is not (HeadKind.TanhGaussian or HeadKind.Gaussian))
            throw new PolicySpecException($"head '{SpecNames.Head.NameOf(spec.Head)}' is not a continuous policy head; an actor needs one of: auto, tanh_gaussian, gaussian");
        if (spec.SharedTrunk)
            throw new PolicySpecException("'sharedTrunk': true is for actor-critics; an actor has no value function to share its hidden layers with");
        // The resolved head, so that auto is checked as the tanh_gaussian it becomes (action bounds needed).
        PolicySpecValidator.RequireSingleArchitecture(spec, "an actor (SAC)");
        (spec with { Head = head }).Validate(shapes);
        return new Actor(spec, shapes, head);
    }

    /// <summary>
    /// A reparameterized sample (a = c + h tanh(mean + std * noise) for tanh_gaussian): gradients reach the actor's
    /// parameters through the action, as SAC's actor loss alpha log pi(a|s) - Q(s, a) needs. Action [B, A], LogProb [B].
    /// </summary>
    public ActorSample Sample(Tensor obs, Tensor desc)
    {
        var (action, logProb) = head.Sample(Raw(obs, desc), deterministic: false);
        return new ActorSample(action, logProb);
    }

    /// <summary>[B, A]: tanh of the mean rescaled into the action box (tanh_gaussian), or the mean (gaussian).</summary>
    public Tensor Deterministic(Tensor obs, Tensor desc) => head.Sample(Raw(obs, desc), deterministic: true).Action;

    /// <summary>log pi(a | s, d) [B] of given actions [B, A].</summary>
    public Tensor LogProb(Tensor obs, Tensor desc, Tensor actions)
    {
        var raw = Raw(obs, desc);
        InputChecks.CheckActions(Shapes, obs, actions);
        return head.LogProb(raw, actions);
    }

    public override void InvalidateGeneratedWeights() => network.InvalidateGeneratedWeights();

    /// <summary>Mode actions through <see cref="ActorInference"/>.</summary>
    public override IDeterministicPolicy CreateDeterministicPolicy() => new Inference.DeterministicActorPolicy(this);

    /// <summary>The actor for one raw descriptor as C# arrays (see <see cref="ActorInference"/>).</summary>
    internal Inference.ActorSnapshot Snapshot(float[] rawDescriptor)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var descriptor = tensor(rawDescriptor, device: parameters().First().device);
        var mlp = Inference.MlpSnapshot.From(network.EffectiveLayersEach(descriptor)[0], network.Activation);
        return new Inference.ActorSnapshot(mlp, head.Snapshot());
    }

    /// <summary>"action" and the head's "mean" and "log_std".</summary>
    internal override void EmitOnnx(OnnxConditioning conditioning) =>
        head.EmitOnnxOutputs(conditioning.Graph, conditioning.Outputs(network, "network")[0], Shapes);

    /// <summary>Raw outputs [B, RawSize] of the torch forward (tests compare exports with them).</summary>
    internal Tensor RawOutputs(Tensor obs, Tensor desc) => Raw(obs, desc);

    internal PolicyHead Head => head;

    internal ConditionedNetwork Network => network;

    private Tensor Raw(Tensor obs, Tensor desc)
    {
        InputChecks.Check(Shapes, obs, desc);
        return network.Forward(obs, desc);
    }
}
