using HyperRL.HyperPolicy.Conditioning;
using HyperRL.HyperPolicy.Heads;
using HyperRL.HyperPolicy.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>Q network for DQN with the same conditioning schemes; head "q" or "dueling" (auto = q).</summary>
public sealed class QNetwork : PolicyModel
{
    /// <summary>The policy-file model kind.</summary>
    public const string KindName = "q_network";

    private const float QOutputGain = 1f;

    private readonly ConditionedNetwork network;
    private readonly IQValueHead head;

    private QNetwork(PolicySpec spec, PolicyShapes shapes, IQValueHead head) : base(KindName, spec, shapes)
    {
        this.head = head;
        network = ConditionedNetworkFactory.Create("network", spec.Conditioning, spec, shapes, Enumerable.Repeat(QOutputGain, head.RawSize).ToArray());
        register_module("network", network);
    }

    public override string Kind => KindName;

    public static QNetwork Create(PolicySpec spec, PolicyShapes shapes)
    {
        spec.Validate(shapes);
        return new QNetwork(spec, shapes, PolicyHeadFactory.CreateQ(spec, shapes));
    }

    /// <summary>[B, nActions].</summary>
    public Tensor QValues(Tensor obs, Tensor desc)
    {
        InputChecks.Check(Shapes, obs, desc);
        return head.QValues(network.Forward(obs, desc));
    }

    /// <summary>Hard target-network update: this = other.</summary>
    public void CopyFrom(QNetwork other) => SoftUpdateFrom(other, 1.0);

    /// <summary>Polyak update: this = tau * other + (1 - tau) * this (buffers are copied; see <see cref="PolyakUpdate"/>).</summary>
    public void SoftUpdateFrom(QNetwork other, double tau)
    {
        if (!Spec.SameAs(other.Spec) || !Shapes.SameAs(other.Shapes))
            throw new ArgumentException("SoftUpdateFrom/CopyFrom needs a Q network with the same spec and shapes");
        PolyakUpdate.Apply(this, other, tau);
        InvalidateGeneratedWeights();
    }

    public override void InvalidateGeneratedWeights() => network.InvalidateGeneratedWeights();

    /// <summary>argmax-Q actions through <see cref="QNetworkInference"/>.</summary>
    public override IDeterministicPolicy CreateDeterministicPolicy() => new Inference.GreedyQPolicy(this);

    /// <summary>The network for one raw descriptor as C# arrays (see <see cref="QNetworkInference"/>).</summary>
    internal Inference.QNetworkSnapshot Snapshot(float[] rawDescriptor)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var descriptor = tensor(rawDescriptor, device: parameters().First().device);
        var mlp = Inference.MlpSnapshot.From(network.EffectiveLayersEach(descriptor)[0], network.Activation);
        return new Inference.QNetworkSnapshot(mlp, dueling: head is DuelingQHead, Shapes.ActionSize);
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
