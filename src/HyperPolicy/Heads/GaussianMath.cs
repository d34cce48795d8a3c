using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Heads;

internal static class GaussianMath
{
    public static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>Sum over the last dimension of log N(x; mean, exp(logStd)^2).</summary>
    public static Tensor LogProb(Tensor x, Tensor mean, Tensor logStd)
    {
        var z = (x - mean) * (-logStd).exp();
        return (-0.5 * z.square() - logStd - HalfLogTwoPi).sum(-1);
    }

    /// <summary>Sum over the last dimension of the entropy 0.5 + 0.5 log(2 pi) + log std.</summary>
    public static Tensor Entropy(Tensor logStd) => (logStd + (0.5 + HalfLogTwoPi)).sum(-1);
}
