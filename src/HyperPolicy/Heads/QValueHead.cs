using HyperRL.HyperPolicy.Onnx;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Heads;

/// <summary>Raw outputs -> Q-values [B, n].</summary>
internal interface IQValueHead
{
    int RawSize { get; }

    Tensor QValues(Tensor raw);

    /// <summary><see cref="QValues"/> in <paramref name="graph"/>: [N, RawSize] -> [N, n].</summary>
    string EmitOnnx(OnnxGraph graph, string raw);
}

/// <summary>Raw outputs are the Q-values.</summary>
internal sealed class PlainQHead(int actionCount) : IQValueHead
{
    public int RawSize => actionCount;

    public Tensor QValues(Tensor raw) => raw;

    public string EmitOnnx(OnnxGraph graph, string raw) => raw;
}

/// <summary>Dueling (Wang et al. 2016): raw = [V, A_1..A_n], Q = V + A - mean(A).</summary>
internal sealed class DuelingQHead(int actionCount) : IQValueHead
{
    public int RawSize => actionCount + 1;

    public Tensor QValues(Tensor raw)
    {
        var value = raw.narrow(-1, 0, 1);
        var advantage = raw.narrow(-1, 1, actionCount);
        return value + advantage - advantage.mean([-1], keepdim: true);
    }

    public string EmitOnnx(OnnxGraph graph, string raw)
    {
        var value = graph.Slice(raw, 1, 0, 1);
        var advantage = graph.Slice(raw, 1, 1, actionCount);
        return graph.Sub(graph.Add(value, advantage), graph.ReduceMean(advantage, 1));
    }
}
