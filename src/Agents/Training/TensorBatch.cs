using static TorchSharp.torch;

namespace HyperRL.Agents.Training;

/// <summary>Whole-batch moves from C# arrays to tensors on a device (one copy per batch, never per element).</summary>
public static class TensorBatch
{
    public static Tensor FromRows(ReadOnlySpan<float> data, int rows, int columns, Device device)
    {
        if (data.Length < rows * columns) throw new ArgumentException($"Array holds {data.Length} floats, expected {rows}x{columns}.");
        return tensor(data.Slice(0, rows * columns).ToArray(), [rows, columns], device: device);
    }

    /// <summary>
    /// Descriptor rows as a tensor: a single [d] vector when every row is the same (the networks' shared-weights fast
    /// path: one generated weight set, plain matmuls), else [rows, d].
    /// </summary>
    public static Tensor Descriptors(ReadOnlySpan<float> data, int rows, int size, Device device)
    {
        var first = data.Slice(0, size);
        bool shared = true;
        for (int r = 1; r < rows && shared; r++) shared = data.Slice(r * size, size).SequenceEqual(first);
        return shared ? tensor(first.ToArray(), [size], device: device) : FromRows(data, rows, size, device);
    }

    public static Tensor FromVector(float[] data, Device device) => tensor(data, [data.Length], device: device);

    public static Tensor FromVector(long[] data, Device device) => tensor(data, [data.Length], device: device);
}
