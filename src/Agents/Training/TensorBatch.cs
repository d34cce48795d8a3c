using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Training;

/// <summary>Whole-batch moves between C# arrays and tensors (one copy per batch, never per element).</summary>
public static class TensorBatch
{
    public static Tensor FromRows(float[] data, int rows, int columns, Device device)
    {
        if (data.Length != rows * columns) throw new ArgumentException($"Array holds {data.Length} floats, expected {rows}x{columns}.");
        var t = tensor(data, new long[] { rows, columns });
        return device.type == DeviceType.CPU ? t : t.to(device);
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
        if (!shared) return FromSpan(data, rows, size, device);
        var t = tensor(first.ToArray(), new long[] { size });
        return device.type == DeviceType.CPU ? t : t.to(device);
    }

    public static Tensor FromSpan(ReadOnlySpan<float> data, int rows, int columns, Device device) =>
        FromRows(data.Slice(0, rows * columns).ToArray(), rows, columns, device);

    public static Tensor FromVector(float[] data, Device device)
    {
        var t = tensor(data, new long[] { data.Length });
        return device.type == DeviceType.CPU ? t : t.to(device);
    }

    public static Tensor FromVector(long[] data, Device device)
    {
        var t = tensor(data, new long[] { data.Length });
        return device.type == DeviceType.CPU ? t : t.to(device);
    }
}
