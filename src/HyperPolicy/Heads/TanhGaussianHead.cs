using HyperRL.HyperPolicy.Onnx;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Heads;

/// <summary>
/// Tanh-squashed Gaussian rescaled to [low, high]: a = c + h tanh(u), u ~ N(mean, std), c = (high+low)/2,
/// h = (high-low)/2. log p(a) = log N(u) - sum log(h (1 - tanh(u)^2)), the log-det-Jacobian of the squash and rescale.
/// </summary>
internal sealed class TanhGaussianHead : PolicyHead
{
    /// <summary>Keeps atanh finite for actions on the bounds.</summary>
    private const float BoundMargin = 1e-6f;

    private readonly GaussianParameters gaussian;
    private readonly Tensor center;
    // Named as registered, so that moving the module (which replaces buffers) re-points this field.
    [ComponentName(Name = "half_range")] private readonly Tensor halfRange;

    public TanhGaussianHead(int actionSize, LogStdKind logStd, float logStdInit, float[] low, float[] high) : base("tanh_gaussian_head")
    {
        gaussian = new GaussianParameters(actionSize, logStd, logStdInit);
        center = tensor(low.Zip(high, (l, h) => (h + l) / 2).ToArray());
        halfRange = tensor(low.Zip(high, (l, h) => (h - l) / 2).ToArray());
        register_module("gaussian", gaussian);
        register_buffer("center", center);
        register_buffer("half_range", halfRange);
    }

    public override int RawSize => gaussian.RawSize;

    public override (Tensor Action, Tensor LogProb) Sample(Tensor raw, bool deterministic)
    {
        var (mean, logStd) = gaussian.Read(raw);
        var u = deterministic ? mean : mean + logStd.exp() * randn_like(mean);
        return (center + halfRange * u.tanh(), LogProbOfPreSquash(u, mean, logStd));
    }

    public override Tensor LogProb(Tensor raw, Tensor actions)
    {
        var (mean, logStd) = gaussian.Read(raw);
        var squashed = ((actions - center) / halfRange).clamp(-1 + BoundMargin, 1 - BoundMargin);
        return LogProbOfPreSquash(squashed.atanh(), mean, logStd);
    }

    /// <summary>The action is c + h tanh(mean), inside the box; mean and log-std are the pre-squash Gaussian's.</summary>
    public override void EmitOnnxOutputs(OnnxGraph graph, string raw, PolicyShapes shapes)
    {
        var (mean, logStd) = gaussian.EmitOnnx(graph, raw);
        var action = graph.Add(graph.Constant("action_center", center), graph.Mul(graph.Constant("action_half_range", halfRange), graph.Tanh(mean)));
        graph.Output("action", action, OnnxElementType.Float32, gaussian.ActionSize);
        gaussian.EmitOnnxOutputs(graph, mean, logStd);
    }

    internal GaussianParameters Gaussian => gaussian;

    public override Inference.HeadSnapshot Snapshot() => gaussian.Snapshot(HostValues.Copy(center), HostValues.Copy(halfRange));

    /// <summary>No closed form: a one-sample Monte-Carlo estimate -log p(a), reparameterized so it carries gradients.</summary>
    public override Tensor Entropy(Tensor raw)
    {
        var (mean, logStd) = gaussian.Read(raw);
        var u = mean + logStd.exp() * randn_like(mean);
        return -LogProbOfPreSquash(u, mean, logStd);
    }

    private Tensor LogProbOfPreSquash(Tensor u, Tensor mean, Tensor logStd)
    {
        // log(1 - tanh(u)^2) = 2 (log 2 - u - softplus(-2u)), stable for large |u|.
        var logOneMinusTanhSquared = 2 * (Math.Log(2) - u - nn.functional.softplus(-2 * u));
        return GaussianMath.LogProb(u, mean, logStd) - (logOneMinusTanhSquared + halfRange.log()).sum(-1);
    }
}
