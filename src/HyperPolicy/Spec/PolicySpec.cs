using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace HyperRL.HyperPolicy;

/// <summary>
/// A policy or Q-network architecture, as written in JSON, e.g.
/// {"conditioning":"hyper","hyper":{"kind":"chunked","embedding":32,"chunkSize":256},"hidden":[64,64],"activation":"tanh","head":"categorical"}.
/// Changing only "conditioning" keeps the trunk sizes, so conditioning schemes compare like for like.
/// </summary>
public sealed record PolicySpec
{
    public ConditioningKind Conditioning { get; init; } = ConditioningKind.Hyper;
    public HyperSpec Hyper { get; init; } = new();
    /// <summary>film: hidden sizes of the descriptor -> (gamma, beta) generator.</summary>
    public IReadOnlyList<int> FilmHidden { get; init; } = [32];
    public IReadOnlyList<int> Hidden { get; init; } = [64, 64];
    /// <summary>Hidden sizes of a separate value network (PPO's actor-critic without a shared trunk); null = <see cref="Hidden"/>.</summary>
    public IReadOnlyList<int>? CriticHidden { get; init; }
    /// <summary>An actor architecture search space (hyper conditioning, PPO): the hypernetwork also reads an
    /// architecture encoding and generates any architecture of the space; null = the one architecture of
    /// <see cref="Hidden"/>. With a space and a fixed critic, <see cref="CriticHidden"/> (or <see cref="Hidden"/>)
    /// sizes the critic.</summary>
    public ArchitectureSpec? Architectures { get; init; }
    public ActivationKind Activation { get; init; } = ActivationKind.Tanh;
    public HeadKind Head { get; init; } = HeadKind.Auto;
    public LogStdKind LogStd { get; init; } = LogStdKind.StateIndependent;
    public float LogStdInit { get; init; }
    /// <summary>Actor and critic share the hidden layers (one network with policy outputs plus one value column).</summary>
    public bool SharedTrunk { get; init; }
    /// <summary>With hyper conditioning and separate trunks: the critic is hyper-generated too (else it uses concat conditioning).</summary>
    public bool HyperCritic { get; init; } = true;
    /// <summary>Orthogonal main-net init with CleanRL gains (sqrt 2 hidden, 0.01 policy output, 1 value); else scaled normal.</summary>
    public bool OrthogonalInit { get; init; } = true;
    /// <summary>What the descriptor normalizer maps to [-1, 1] (every conditioning scheme reads the normalized
    /// descriptor): the env's declared ranges, or the train distribution's bounding box, so the training descriptors
    /// span the whole input scale and a parameter that is not randomized is a constant the network does not read.</summary>
    public DescriptorBoundsKind DescriptorBounds { get; init; } = DescriptorBoundsKind.Declared;
    /// <summary>Optional: the descriptor length this spec was written for; checked against the environment.</summary>
    public int? DescriptorSize { get; init; }

    public static PolicySpec Parse(string json)
    {
        JObject root;
        try
        {
            root = JObject.Parse(json);
        }
        catch (JsonException e)
        {
            throw new PolicySpecException($"policy spec is not a valid JSON object: {OneLine(e.Message)}");
        }
        return FromJObject(root);
    }

    public static PolicySpec FromJObject(JObject json) => PolicySpecReader.Read(json);

    public JObject ToJObject() => PolicySpecWriter.Write(this);

    public string ToJson() => ToJObject().ToString(Formatting.None);

    /// <summary>Checks the spec against the environment's spaces and descriptor length; throws <see cref="PolicySpecException"/>.</summary>
    public void Validate(PolicyShapes shapes) => PolicySpecValidator.Validate(this, shapes);

    /// <summary>For models other than PPO's actor-critic: no architecture space and no separate critic sizes
    /// (<paramref name="model"/> names the model in the error).</summary>
    public void RequireSingleArchitecture(string model) => PolicySpecValidator.RequireSingleArchitecture(this, model);

    /// <summary>The head an actor-critic uses for these shapes (auto -> categorical or gaussian).</summary>
    public HeadKind ResolvePolicyHead(PolicyShapes shapes) =>
        Head != HeadKind.Auto ? Head : shapes.ActionKind == ActionKind.Discrete ? HeadKind.Categorical : HeadKind.Gaussian;

    /// <summary>The head a SAC actor uses (auto -> tanh_gaussian: SAC's squashed Gaussian).</summary>
    public HeadKind ResolveActorHead() => Head == HeadKind.Auto ? HeadKind.TanhGaussian : Head;

    /// <summary>The head a Q network uses (auto -> q).</summary>
    public HeadKind ResolveQHead() => Head == HeadKind.Auto ? HeadKind.Q : Head;

    /// <summary>The value network's hidden sizes.</summary>
    public IReadOnlyList<int> ResolveCriticHidden() => CriticHidden ?? Hidden;

    /// <summary>Same architecture (value equality; records compare lists by reference).</summary>
    public bool SameAs(PolicySpec other) => ToJson() == other.ToJson();

    internal static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ");
}
