using HyperRL.HyperPolicy.MainNetworks;
using HyperRL.HyperPolicy.Onnx;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Hypernetworks;

/// <summary>
/// Where each generated layer lives in one flat parameter vector: for every layer its weight [In*Out] (row-major [In, Out])
/// then its bias [Out].
/// </summary>
internal sealed class FlatParameterLayout
{
    public FlatParameterLayout(IReadOnlyList<MainLayerShape> layers) =>
        (Layers, Total) = (layers, layers.Sum(layer => layer.ParameterCount));

    public IReadOnlyList<MainLayerShape> Layers { get; }

    public int Total { get; }

    /// <summary>flat [U, Total] -> per-layer weights [U, In, Out] and biases [U, Out] (views, no copy; one split, as
    /// <see cref="SplitShared"/>).</summary>
    public IReadOnlyList<LayerWeights> Split(Tensor flat)
    {
        var rows = flat.shape[0];
        var pieces = flat.split(PieceSizes, 1);
        var result = new List<LayerWeights>(Layers.Count);
        for (var i = 0; i < Layers.Count; i++)
            result.Add(new LayerWeights(pieces[2 * i].view(rows, Layers[i].In, Layers[i].Out), pieces[2 * i + 1]));
        return result;
    }

    /// <summary>flat [N, Total] in <paramref name="graph"/> -> per-layer weights [N, In, Out] and biases [N, Out], as <see cref="Split"/>.</summary>
    public IReadOnlyList<OnnxLayer> EmitSplit(OnnxGraph graph, string flat)
    {
        var result = new List<OnnxLayer>(Layers.Count);
        long offset = 0;
        foreach (var layer in Layers)
        {
            var weight = graph.Reshape(graph.Slice(flat, 1, offset, layer.WeightCount), 0, layer.In, layer.Out);
            offset += layer.WeightCount;
            var bias = graph.Slice(flat, 1, offset, layer.Out);
            offset += layer.Out;
            result.Add(new OnnxLayer(weight, bias));
        }
        return result;
    }

    /// <summary>
    /// flat [Total] -> per-layer weights [In, Out] and biases [Out] (views, no copy). One split rather than a narrow per
    /// piece: split's backward is a single concatenation, where each narrow's backward pads its piece to full length.
    /// </summary>
    public IReadOnlyList<LayerWeights> SplitShared(Tensor flat)
    {
        var pieces = flat.split(PieceSizes, 0);
        var result = new List<LayerWeights>(Layers.Count);
        for (var i = 0; i < Layers.Count; i++)
            result.Add(new LayerWeights(pieces[2 * i].view(Layers[i].In, Layers[i].Out), pieces[2 * i + 1]));
        return result;
    }

    /// <summary>Weight then bias size of every layer, in flat order.</summary>
    private long[] PieceSizes => pieceSizes ??= Layers.SelectMany(layer => new long[] { layer.WeightCount, layer.Out }).ToArray();

    private long[]? pieceSizes;

    /// <summary>
    /// Target standard deviation of every flat entry. Weights follow <see cref="MainLayerInit.TargetVariance"/>;
    /// biases get <paramref name="biasStdFraction"/> times their layer's mean weight std (0 = start at zero).
    /// </summary>
    public float[] TargetStd(HyperInit init, bool orthogonal, float biasStdFraction)
    {
        var std = new float[Total];
        var offset = 0;
        foreach (var layer in Layers)
        {
            var columnStd = Enumerable.Range(0, layer.Out)
                .Select(j => (float)Math.Sqrt(MainLayerInit.TargetVariance(layer, j, init, orthogonal))).ToArray();
            for (var i = 0; i < layer.In; i++)
                columnStd.CopyTo(std, offset + i * layer.Out);
            offset += layer.WeightCount;
            var biasStd = biasStdFraction * columnStd.Average();
            Array.Fill(std, biasStd, offset, layer.Out);
            offset += layer.Out;
        }
        return std;
    }

    /// <summary>Ordinary main-net init of every layer, flattened (biases zero): the output bias of the 'bias' init.</summary>
    public Tensor MainInit(bool orthogonal)
    {
        using var scope = NewDisposeScope();
        var parts = Layers.SelectMany(layer => new[] { MainLayerInit.Weight(layer, orthogonal).flatten(), zeros(layer.Out) }).ToArray();
        return cat(parts, 0).MoveToOuterDisposeScope();
    }
}
