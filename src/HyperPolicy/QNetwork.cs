using HyperRL.HyperPolicy.Conditioning;
using HyperRL.HyperPolicy.Heads;
using HyperRL.HyperPolicy.MainNetworks;
using HyperRL.HyperPolicy.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>
/// Q network for DQN with the same conditioning schemes; head "q" or "dueling" (auto = q). With a distributional
/// <see cref="QNetworkOptions"/> the output layer emits K values per action (quantiles or C51 logits; the
/// hypernetwork, when there is one, generates that larger layer) and Q is the distribution's mean.
/// </summary>
public sealed class QNetwork : PolicyModel
{
    /// <summary>The policy-file model kind.</summary>
    public const string KindName = "q_network";

    private const float QOutputGain = 1f;

    private readonly ConditionedNetwork network;
    private readonly IQValueHead head;
    private readonly IReadOnlyList<FactorizedNoise> noise;

    private QNetwork(PolicySpec spec, PolicyShapes shapes, QNetworkOptions options, IQValueHead head) : base(KindName, spec, shapes)
    {
        this.head = head;
        Options = options;
        network = ConditionedNetworkFactory.Create("network", spec.Conditioning, spec, shapes, Enumerable.Repeat(QOutputGain, head.RawSize).ToArray(),
            options.Noisy ? options.NoisySigma : null);
        register_module("network", network);
        noise = network.NoisyParts;
        NoiseSize = noise.Sum(part => part.NoiseSize);
    }

    public override string Kind => KindName;

    public static QNetwork Create(PolicySpec spec, PolicyShapes shapes) => Create(spec, shapes, QNetworkOptions.Default);

    public static QNetwork Create(PolicySpec spec, PolicyShapes shapes, QNetworkOptions options)
    {
        PolicySpecValidator.RequireSingleArchitecture(spec, "a Q network");
        spec.Validate(shapes);
        options.Validate();
        var scalar = PolicyHeadFactory.CreateQ(spec, shapes);
        var head = options.Distribution == QDistributionKind.None ? scalar : new DistributionalQHead(scalar, shapes.ActionSize, options);
        return new QNetwork(spec, shapes, options, head);
    }

    /// <summary>The return distribution and noise settings (the policy file's "options").</summary>
    public QNetworkOptions Options { get; }

    internal override Newtonsoft.Json.Linq.JObject? OptionsJson => Options.IsDefault ? null : Options.ToJObject();

    /// <summary>[B, nActions]: the expected return (the distribution's mean when distributional).</summary>
    public Tensor QValues(Tensor obs, Tensor desc)
    {
        InputChecks.Check(Shapes, obs, desc);
        return head.QValues(network.Forward(obs, desc));
    }

    /// <summary>[B, nActions, K]: quantiles (QR) or logits over <see cref="Support"/> (C51); distributional networks only.</summary>
    public Tensor Distribution(Tensor obs, Tensor desc)
    {
        InputChecks.Check(Shapes, obs, desc);
        return DistributionalHead.Distribution(network.Forward(obs, desc));
    }

    /// <summary>Q [B, nActions] from <see cref="Distribution"/>'s output (one forward gives both).</summary>
    public Tensor Mean(Tensor distribution) => DistributionalHead.Mean(distribution);

    /// <summary>C51's atoms z_j [K] on the network's device.</summary>
    public Tensor Support() => DistributionalHead.Support(parameters().First().device);

    private DistributionalQHead DistributionalHead => head as DistributionalQHead
        ?? throw new InvalidOperationException("this Q network is not distributional (QNetworkOptions.Distribution is none)");

    /// <summary>Values in one draw of the noisy layers' eps (sum of In + Out over them); 0 unless noisy.</summary>
    public int NoiseSize { get; }

    /// <summary>
    /// New noise for every noisy layer from standard-normal draws [<see cref="NoiseSize"/>] (layer by layer, eps_in
    /// then eps_out): the caller draws them from its own seeded generator, so noise follows the run's seed and
    /// resumes with it; they go to the device as one tensor. Forwards in training mode use it until the next call;
    /// eval mode (module.eval()) uses mu alone.
    /// </summary>
    public void ResetNoise(float[] epsilon)
    {
        if (epsilon.Length != NoiseSize)
            throw new ArgumentException($"ResetNoise needs {NoiseSize} values, got {epsilon.Length}");
        if (NoiseSize == 0) return;
        using var scope = NewDisposeScope();
        var all = tensor(epsilon, device: parameters().First().device); // the caller's array, reused between draws
        long offset = 0;
        foreach (var part in noise)
        {
            part.SetNoise(all.narrow(0, offset, part.NoiseSize));
            offset += part.NoiseSize;
        }
    }

    /// <summary>Hard target-network update: this = other.</summary>
    public void CopyFrom(QNetwork other) => SoftUpdateFrom(other, 1.0);

    /// <summary>Polyak update: this = tau * other + (1 - tau) * this (buffers are copied; see <see cref="PolyakUpdate"/>).</summary>
    public void SoftUpdateFrom(QNetwork other, double tau)
    {
        if (!Spec.SameAs(other.Spec) || !Shapes.SameAs(other.Shapes) || Options != other.Options)
            throw new ArgumentException("SoftUpdateFrom/CopyFrom needs a Q network with the same spec and shapes");
        PolyakUpdate.Apply(this, other, tau);
        InvalidateGeneratedWeights();
    }

    public override void InvalidateGeneratedWeights() => network.InvalidateGeneratedWeights();

    /// <summary>argmax-Q actions through <see cref="QNetworkInference"/>; noisy networks act on mu (deterministic).</summary>
    public override IDeterministicPolicy CreateDeterministicPolicy() => new Inference.GreedyQPolicy(this);

    /// <summary>The network for one raw descriptor as C# arrays (see <see cref="QNetworkInference"/>): with the
    /// current noise folded into the weights when <paramref name="withNoise"/> (and training mode), else mu.</summary>
    internal Inference.QNetworkSnapshot Snapshot(float[] rawDescriptor, bool withNoise)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var descriptor = tensor(rawDescriptor, device: parameters().First().device);
        var wasTraining = training;
        if (!withNoise && NoiseSize > 0) eval();
        Inference.MlpSnapshot mlp;
        try
        {
            mlp = Inference.MlpSnapshot.From(network.EffectiveLayersEach(descriptor)[0], network.Activation);
        }
        finally
        {
            if (wasTraining && !training) train();
        }
        return head is DistributionalQHead distributional
            ? Inference.QNetworkSnapshot.Distributional(mlp, Spec.ResolveQHead() == HeadKind.Dueling, Shapes.ActionSize, distributional)
            : new Inference.QNetworkSnapshot(mlp, dueling: head is DuelingQHead, Shapes.ActionSize);
    }

    /// <summary>"action" (argmax Q, the first on ties) and "q" [N, n].</summary>
    internal override void EmitOnnx(OnnxConditioning conditioning)
    {
        var graph = conditioning.Graph;
        var q = head.EmitOnnx(graph, conditioning.Outputs(network, "network")[0]);
        graph.Output("action", graph.ArgMax(q, 1), OnnxElementType.Int64);
        graph.Output("q", q, OnnxElementType.Float32, Shapes.ActionSize);
    }

    internal ConditionedNetwork Network => network;
}
