using HyperRL.HyperPolicy.MainNetworks;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>
/// How one architecture sits in the largest generated network: hidden layer i takes the leading [In_i, w_i] block of
/// the largest network's layer i (In_0 = the input, In_i = w_(i-1)), the layers past its depth are unused, and the
/// output layer takes the leading w_k rows of the largest network's output layer. Each block is multiplied by a fixed
/// scale, sqrt(target variance of the slice's shape / target variance of the largest layer's shape) under the spec's
/// init, so that a slice of a standard-initialized largest network is itself standard-initialized (the variance of an
/// entry depends on the layer's fan-in, which slicing changes).
/// </summary>
internal sealed class ArchitectureSlices
{
    private readonly (int Rows, int Columns, float Scale)[] blocks; // per layer of the largest network; (0, 0, 0) unused

    public ArchitectureSlices(IReadOnlyList<int> hidden, MainNetworkLayout largest, HyperInit init, bool orthogonal)
    {
        Depth = hidden.Count;
        var layers = largest.Layers;
        blocks = new (int, int, float)[layers.Count];
        var previous = layers[0].In;
        for (var i = 0; i < hidden.Count; i++)
        {
            blocks[i] = Block(layers[i], previous, hidden[i], init, orthogonal);
            previous = hidden[i];
        }
        blocks[^1] = Block(layers[^1], previous, layers[^1].Out, init, orthogonal);
        Mask = new float[layers.Sum(layer => layer.ParameterCount)];
        var offset = 0;
        for (var layer = 0; layer < layers.Count; layer++)
        {
            var (rows, columns, scale) = blocks[layer];
            var width = layers[layer].Out;
            for (var r = 0; r < rows; r++) Array.Fill(Mask, scale, offset + r * width, columns);
            offset += layers[layer].WeightCount;
            Array.Fill(Mask, 1f, offset, columns);
            offset += width;
        }
    }

    public int Depth { get; }

    /// <summary>Per flat entry of the largest network (weights row-major, then biases, layer by layer): the weight
    /// scale inside the architecture's blocks, 1 for its biases, 0 elsewhere. Generated weights times this mask give
    /// the largest network that computes exactly what the architecture computes (an unused unit's pre-activation is 0,
    /// and every activation maps 0 to 0), and no gradient reaches the unused entries.</summary>
    public float[] Mask { get; }

    /// <summary>The architecture's own layers from the largest network's (shared [In, Out] weights): views of the
    /// leading blocks, scaled; the output layer follows the last used hidden layer.</summary>
    public IReadOnlyList<LayerWeights> Slice(IReadOnlyList<LayerWeights> largest)
    {
        var result = new List<LayerWeights>(Depth + 1);
        for (var i = 0; i <= Depth; i++)
        {
            var layer = i < Depth ? i : blocks.Length - 1;
            var (rows, columns, scale) = blocks[layer];
            var weight = largest[layer].Weight.narrow(0, 0, rows).narrow(1, 0, columns);
            result.Add(new LayerWeights(scale == 1f ? weight : weight * scale, largest[layer].Bias.narrow(0, 0, columns)));
        }
        return result;
    }

    private static (int, int, float) Block(MainLayerShape full, int rows, int columns, HyperInit init, bool orthogonal)
    {
        var slice = new MainLayerShape(rows, columns, full.ColumnGains.Take(columns).ToArray());
        var ratio = MainLayerInit.TargetVariance(slice, 0, init, orthogonal) / MainLayerInit.TargetVariance(full, 0, init, orthogonal);
        return (rows, columns, (float)Math.Sqrt(ratio));
    }
}
