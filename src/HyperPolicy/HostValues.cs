using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>A tensor's values as C# floats: read in place when the tensor already is contiguous CPU float32 memory.</summary>
internal static class HostValues
{
    public static bool InPlace(Tensor tensor) =>
        tensor.device_type == TorchSharp.DeviceType.CPU && tensor.dtype == ScalarType.Float32 && tensor.is_contiguous();

    /// <summary>False for a tensor that carries a shape but no values (the meta device): there is nothing to read.</summary>
    public static bool HasData(Tensor tensor) => !tensor.is_meta;

    /// <summary>A live view of the tensor's memory; only for tensors where <see cref="InPlace"/> holds.</summary>
    public static ReadOnlySpan<float> View(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);

    /// <summary>A copy of the values, from any device that holds data, and any layout.</summary>
    public static float[] Copy(Tensor tensor)
    {
        if (InPlace(tensor)) return View(tensor).ToArray();
        using var host = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
        return View(host).ToArray();
    }
}
