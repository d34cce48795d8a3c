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

    public override Inference.HeadSnapshot Snapshot() => gaussian.Snapshot();

    public override Tensor Entropy(Tensor raw) => GaussianMath.Entropy(gaussian.Read(raw).LogStd);
}
