using HyperRL.HyperPolicy.Onnx;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>
/// A network a policy file can hold: it knows its policy-file kind, the spec and shapes it was built from (enough to
/// rebuild it, see <see cref="PolicyModels"/>), and how to act with its current weights in plain C#.
/// </summary>
public abstract class PolicyModel : nn.Module
{
    protected PolicyModel(string name, PolicySpec spec, PolicyShapes shapes) : base(name)
    {
        Spec = spec;
        Shapes = shapes;
    }

    /// <summary>The policy file's model kind ("actor_critic", "q_network", "actor").</summary>
    public abstract string Kind { get; }

    public PolicySpec Spec { get; }

    public PolicyShapes Shapes { get; }

    /// <summary>Model-specific architecture beyond the spec (e.g. <see cref="QNetworkOptions"/>), saved in the policy
    /// file's header as "options"; null when the model has none or they are the defaults (files then read as before).</summary>
    internal virtual Newtonsoft.Json.Linq.JObject? OptionsJson => null;

    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>
    /// Deterministic actions (categorical mode, Gaussian mean, tanh-squashed mean, argmax Q) with the current weights,
    /// for evaluation and rendering. The policy copies the weights when it first meets a descriptor: create a new one
    /// after the weights change.
    /// </summary>
    public abstract IDeterministicPolicy CreateDeterministicPolicy();

    /// <summary>This model's graph outputs ("action" first, see <see cref="OnnxExport"/>) on the conditioning's observations.</summary>
    internal abstract void EmitOnnx(OnnxConditioning conditioning);

    /// <summary>Drops cached generated weights (only needed after editing parameters in place by hand).</summary>
    public abstract void InvalidateGeneratedWeights();
}
