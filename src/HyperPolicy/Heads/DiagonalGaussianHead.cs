using HyperRL.HyperPolicy.Onnx;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Heads;

/// <summary>Unsquashed diagonal Gaussian (CleanRL ppo_continuous_action: the env clips); actions float32 [B, A].</summary>
internal sealed class DiagonalGaussianHead : PolicyHead
{
    private readonly GaussianParameters gaussian;

    public DiagonalGaussianHead(int actionSize, LogStdKind logStd, float logStdInit) : base("gaussian_head")
    {
        gaussian = new GaussianParameters(actionSize, logStd, logStdInit);
        register_module("gaussian", gaussian);
    }

    public override int RawSize => gaussian.RawSize;

    public override (Tensor Action, Tensor LogProb) Sample(Tensor raw, bool deterministic)
    {
        var (mean, logStd) = gaussian.Read(raw);
        var action = deterministic ? mean : mean + logStd.exp() * randn_like(mean);
        return (action, GaussianMath.LogProb(action, mean, logStd));
    }

    public override Tensor LogProb(Tensor raw, Tensor actions)
    {
        var (mean, logStd) = gaussian.Read(raw);
        return GaussianMath.LogProb(actions, mean, logStd);
    }

    /// <summary>The action is the mean clipped into the action box: what the env receives once the pipeline's
    /// ClipAction has clipped the C# acting path's mean.</summary>
    public override void EmitOnnxOutputs(OnnxGraph graph, string raw, PolicyShapes shapes)
    {
        var (mean, logStd) = gaussian.EmitOnnx(graph, raw);
        var action = mean;
        if (shapes.ActionLow is { } low && shapes.ActionHigh is { } high)
            action = graph.Max(graph.Min(mean, graph.Constant("action_high", high, high.Length)), graph.Constant("action_low", low, low.Length));
        graph.Output("action", action, OnnxElementType.Float32, gaussian.ActionSize);
        gaussian.EmitOnnxOutputs(graph, mean, logStd);
    }

    internal GaussianParameters Gaussian => gaussian;

    public override Inference.HeadSnapshot Snapshot() => gaussian.Snapshot();

    public override Tensor Entropy(Tensor raw) => GaussianMath.Entropy(gaussian.Read(raw).LogStd);
}
