using HyperRL.HyperPolicy.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Heads;

/// <summary>Turns the network's raw outputs [B, RawSize] into an action distribution.</summary>
internal abstract class PolicyHead(string name) : nn.Module(name)
{
    /// <summary>Number of raw network outputs the head reads.</summary>
    public abstract int RawSize { get; }

    /// <summary>CleanRL's policy-output init gain: small, so the initial policy is close to uniform / zero-mean.</summary>
    public virtual float OutputGain => 0.01f;

    /// <summary>A sampled action (or the distribution's mode when deterministic) and its log-probability [B].</summary>
    public abstract (Tensor Action, Tensor LogProb) Sample(Tensor raw, bool deterministic);

    public abstract Tensor LogProb(Tensor raw, Tensor actions);

    public abstract Tensor Entropy(Tensor raw);

    /// <summary>
    /// The graph outputs of this head from the raw outputs [N, RawSize]: "action" (the deterministic action, what the
    /// env receives from the C# acting path) first, then the distribution's parameters.
    /// </summary>
    public abstract void EmitOnnxOutputs(OnnxGraph graph, string raw, PolicyShapes shapes);

    /// <summary>The same distribution computed in C# from one row's raw outputs (current parameter values).</summary>
    public abstract Inference.HeadSnapshot Snapshot();
}
