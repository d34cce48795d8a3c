using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Training;

/// <summary>Logged values read back from a device in one transfer.</summary>
public static class HostFloats
{
    /// <summary>The values of <paramref name="values"/> as floats. A meta tensor (shapes only, used by the device
    /// tests to catch tensors created on the wrong device) has none: NaN stands in for each.</summary>
    public static float[] Of(Tensor values)
    {
        if (values.device_type == DeviceType.META) return Enumerable.Repeat(float.NaN, (int)values.numel()).ToArray();
        using var host = values.detach().to(ScalarType.Float32).cpu().contiguous();
        return host.data<float>().ToArray();
    }
}
