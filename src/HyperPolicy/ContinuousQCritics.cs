using HyperRL.HyperPolicy.Conditioning;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>
/// K critics Q_k(s, a | d) for continuous actions (SAC's and TD3's twin critics; CleanRL sac_continuous_action's
/// SoftQNetwork, K of them): each a conditioned network over [observation, action scaled into [-1, 1] by the action
/// bounds] with one output, initialized with gain 1 like a value. Conditioning follows the spec: with hyper and
/// hyperCritic (the default) ONE hypernetwork generates every critic — one encoder pass and one output matmul for all
/// of them — otherwise each critic is its own network, with concat conditioning where the spec says hyper (as the
/// actor-critic's critic with hyperCritic false). Not a <see cref="PolicyModel"/>: critics choose no actions, so no
/// policy file holds them (checkpoints save them as modules). obs [B, obs], actions [B, A] in the env's units, desc
/// [B, d] or [d] raw.
/// </summary>
public sealed class ContinuousQCritics : nn.Module
{
    /// <summary>SAC's twin critics (clipped double Q).</summary>
    public const int DefaultCriticCount = 2;

    private const float QOutputGain = 1f;

    private readonly ActionNormalizer actionNormalizer;
    private readonly HyperConditionedNetwork? joint; // hyper + hyperCritic: all critics from one hypernetwork
    private readonly ConditionedNetwork[] separate;  // otherwise: one network per critic

    private ContinuousQCritics(PolicySpec spec, PolicyShapes shapes, int criticCount) : base("continuous_q_critics")
    {
        Spec = spec;
        Shapes = shapes;
        CriticCount = criticCount;
        actionNormalizer = new ActionNormalizer("action_normalizer", shapes.ActionLow!, shapes.ActionHigh!);
        register_module("action_normalizer", actionNormalizer);
        var inputSize = shapes.ObservationSize + shapes.ActionSize;
        float[] gains = [QOutputGain];
        if (spec.Conditioning == ConditioningKind.Hyper && spec.HyperCritic)
        {
            joint = ConditionedNetworkFactory.CreateHyperGroup("hyper", spec, shapes, inputSize, Enumerable.Repeat(gains, criticCount).ToArray());
            register_module("hyper", joint);
            separate = [];
            return;
        }
        var conditioning = spec.Conditioning == ConditioningKind.Hyper ? ConditioningKind.Concat : spec.Conditioning;
        separate = new ConditionedNetwork[criticCount];
        for (var k = 0; k < criticCount; k++)
        {
            separate[k] = ConditionedNetworkFactory.Create($"critic{k}", conditioning, spec, shapes, inputSize, gains);
            register_module($"critic{k}", separate[k]);
        }
    }

    public PolicySpec Spec { get; }

    public PolicyShapes Shapes { get; }

    public int CriticCount { get; }

    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>
    /// Validates the spec against the shapes (throws <see cref="PolicySpecException"/>: continuous actions with finite
    /// bounds, separate trunks) and builds <paramref name="criticCount"/> critics.
    /// </summary>
    public static ContinuousQCritics Create(PolicySpec spec, PolicyShapes shapes, int criticCount = DefaultCriticCount)
    {
        if (criticCount < 1) throw new ArgumentOutOfRangeException(nameof(criticCount), criticCount, "at least one critic");
        if (shapes.ActionKind != ActionKind.Continuous)
            throw new PolicySpecException("Q critics of (state, action) need continuous actions, but the environment's actions are discrete; use a Q network");
        if (spec.SharedTrunk)
            throw new PolicySpecException("'sharedTrunk': true is for actor-critics; SAC's actor and critics are separate networks");
        PolicySpecValidator.RequireSingleArchitecture(spec, "a SAC critic");
        spec.Validate(shapes);
        if (shapes.ActionLow is null)
            throw new PolicySpecException("Q critics need action bounds (ActionLow/ActionHigh) to scale actions into [-1, 1]");
        for (var i = 0; i < shapes.ActionSize; i++)
        {
            var (low, high) = (shapes.ActionLow[i], shapes.ActionHigh![i]);
            if (!float.IsFinite(low) || !float.IsFinite(high) || high <= low)
                throw new PolicySpecException($"Q critics need finite action bounds with low < high, got [{low}, {high}] for action dimension {i}");
        }
        return new ContinuousQCritics(spec, shapes, criticCount);
    }

    /// <summary>Q_k(s, a | d) [B] of every critic, in order.</summary>
    public Tensor[] QValues(Tensor obs, Tensor actions, Tensor desc)
    {
        InputChecks.Check(Shapes, obs, desc);
        InputChecks.CheckActions(Shapes, obs, actions);
        var input = cat([obs, actionNormalizer.Forward(actions)], 1);
        var outputs = joint is not null ? joint.ForwardEach(input, desc) : separate.Select(critic => critic.Forward(input, desc)).ToArray();
        return outputs.Select(q => q.squeeze(1)).ToArray();
    }

    /// <summary>Hard target-network update: this = other.</summary>
    public void CopyFrom(ContinuousQCritics other) => SoftUpdateFrom(other, 1.0);

    /// <summary>Polyak update: this = tau * other + (1 - tau) * this (buffers are copied; see <see cref="PolyakUpdate"/>).</summary>
    public void SoftUpdateFrom(ContinuousQCritics other, double tau)
    {
        if (!Spec.SameAs(other.Spec) || !Shapes.SameAs(other.Shapes) || CriticCount != other.CriticCount)
            throw new ArgumentException("SoftUpdateFrom/CopyFrom needs critics with the same spec, shapes and critic count");
        PolyakUpdate.Apply(this, other, tau);
        InvalidateGeneratedWeights();
    }

    /// <summary>Drops cached generated weights (only needed after editing parameters in place by hand).</summary>
    public void InvalidateGeneratedWeights()
    {
        joint?.InvalidateGeneratedWeights();
        foreach (var critic in separate) critic.InvalidateGeneratedWeights();
    }

    /// <summary>The hypernetwork that generates every critic; null unless conditioning is hyper with hyperCritic.</summary>
    internal HyperConditionedNetwork? Joint => joint;
}
