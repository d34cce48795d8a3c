using HyperRL.HyperPolicy.Onnx;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Heads;

/// <summary>
/// A return distribution per action: the output layer emits <see cref="IQValueHead.RawSize"/> x K values, K per
/// output of the scalar head it wraps (raw index r * K + j), and the scalar head combines them atom by atom (so a
/// dueling head is V_j + A_j - mean(A_j) for each atom j). Q(s, a) is the distribution's mean: the average of the
/// quantiles (QR-DQN) or sum_j p_j z_j over the support (C51).
/// </summary>
internal sealed class DistributionalQHead : IQValueHead
{
    private readonly IQValueHead scalar;
    private readonly int actionCount;
    private Tensor? support; // C51's z on the device last used

    public DistributionalQHead(IQValueHead scalar, int actionCount, QNetworkOptions options)
    {
        this.scalar = scalar;
        this.actionCount = actionCount;
        Kind = options.Distribution;
        K = options.AtomCount;
        VMin = options.VMin;
        VMax = options.VMax;
    }

    public QDistributionKind Kind { get; }

    /// <summary>Quantiles N or atoms.</summary>
    public int K { get; }

    public float VMin { get; }

    public float VMax { get; }

    public int RawSize => scalar.RawSize * K;

    /// <summary>Raw [B, R * K] -> [B, A, K]: quantiles theta_i(s, a) (QR) or logits of p_j(s, a) (C51).</summary>
    public Tensor Distribution(Tensor raw)
    {
        var perAtom = raw.view(-1, scalar.RawSize, K).transpose(1, 2); // [B, K, R]
        return scalar.QValues(perAtom).transpose(1, 2);                  // [B, A, K]
    }

    /// <summary>The distribution's mean [B, A] from <see cref="Distribution"/>'s output.</summary>
    public Tensor Mean(Tensor distribution) => Kind == QDistributionKind.Quantile
        ? distribution.mean([-1])
        : (distribution.softmax(-1) * Support(distribution.device)).sum(-1);

    public Tensor QValues(Tensor raw) => Mean(Distribution(raw));

    /// <summary>C51's fixed support z_j = v_min + j (v_max - v_min) / (K - 1), [K] on <paramref name="device"/>.</summary>
    public Tensor Support(Device device)
    {
        if (support is null || support.device != device)
        {
            support?.Dispose();
            support = linspace(VMin, VMax, K, device: device).DetachFromDisposeScope();
        }
        return support;
    }

    /// <summary>The support as floats (C# inference and ONNX), computed as torch's linspace does.</summary>
    public float[] SupportValues()
    {
        using var scope = NewDisposeScope();
        return linspace(VMin, VMax, K, device: CPU).data<float>().ToArray(); // host values, whatever the default device
    }

    public string EmitOnnx(OnnxGraph graph, string raw)
    {
        // [N, R*K] -> [N, R, K] -> [N, K, R] -> [N*K, R]: the scalar head's graph reads rows of R outputs.
        var perAtom = graph.Reshape(graph.Transpose(graph.Reshape(raw, -1, scalar.RawSize, K), 0, 2, 1), -1, scalar.RawSize);
        var combined = graph.Transpose(graph.Reshape(scalar.EmitOnnx(graph, perAtom), -1, K, actionCount), 0, 2, 1); // [N, A, K]
        var mean = Kind == QDistributionKind.Quantile
            ? graph.ReduceMean(combined, 2)
            : graph.MatMul(graph.Softmax(combined, 2), graph.Constant("support", SupportValues(), K, 1));
        return graph.Reshape(mean, -1, actionCount);
    }
}
