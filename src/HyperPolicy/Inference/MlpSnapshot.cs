using System.Numerics;
using HyperRL.HyperPolicy.MainNetworks;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Inference;

/// <summary>
/// A plain MLP as C# arrays, evaluated one row at a time: for rollouts and evaluation, whose batches are a handful of
/// rows, where a few dozen microseconds of tensor-op overhead per step cost more than the arithmetic. Not thread-safe
/// (it owns its scratch buffers).
/// </summary>
internal sealed class MlpSnapshot
{
    private readonly float[][] weights; // layer l: [In * Out], row-major [In, Out]
    private readonly float[][] biases;
    private readonly int[] inSizes;
    private readonly ActivationKind activation;
    private readonly float[] scratchA;
    private readonly float[] scratchB;

    private MlpSnapshot(float[][] weights, float[][] biases, int[] inSizes, ActivationKind activation)
    {
        this.weights = weights;
        this.biases = biases;
        this.inSizes = inSizes;
        this.activation = activation;
        var widest = biases.Max(b => b.Length);
        scratchA = new float[widest];
        scratchB = new float[widest];
    }

    public int InputSize => inSizes[0];

    public int OutputSize => biases[^1].Length;

    /// <summary>Copies the layers' current values (on any device) into arrays.</summary>
    public static MlpSnapshot From(IReadOnlyList<LayerWeights> layers, ActivationKind activation)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return new MlpSnapshot(
            layers.Select(layer => HostValues.Copy(layer.Weight)).ToArray(),
            layers.Select(layer => HostValues.Copy(layer.Bias)).ToArray(),
            layers.Select(layer => (int)layer.Weight.shape[0]).ToArray(),
            activation);
    }

    /// <summary>output = MLP(input) for one row.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        ReadOnlySpan<float> x = input;
        for (var layer = 0; layer < weights.Length; layer++)
        {
            var last = layer == weights.Length - 1;
            var bias = biases[layer];
            var y = last ? output[..bias.Length] : (layer % 2 == 0 ? scratchA : scratchB).AsSpan(0, bias.Length);
            bias.CopyTo(y);
            var w = weights[layer];
            for (var i = 0; i < inSizes[layer]; i++)
                AddScaled(y, x[i], w.AsSpan(i * bias.Length, bias.Length));
            if (!last) VectorActivations.Apply(activation, y);
            x = y;
        }
    }

    /// <summary>y += a * w.</summary>
    private static void AddScaled(Span<float> y, float a, ReadOnlySpan<float> w)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated && y.Length >= Vector<float>.Count)
        {
            var scale = new Vector<float>(a);
            for (; k <= y.Length - Vector<float>.Count; k += Vector<float>.Count)
                (new Vector<float>(y[k..]) + scale * new Vector<float>(w[k..])).CopyTo(y[k..]);
        }
        for (; k < y.Length; k++) y[k] += a * w[k];
    }
}
