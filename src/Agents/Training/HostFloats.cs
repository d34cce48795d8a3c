using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Training;

/// <summary>Logged values read back from a device in one transfer, checked finite.</summary>
public static class HostFloats
{
    /// <summary>The values of <paramref name="values"/> as floats.</summary>
    public static float[] Of(Tensor values)
    {
        // A meta tensor has no values: one reaching a logged value was created without the module's device (what the
        // device tests look for).
        if (values.device_type == DeviceType.META)
            throw new InvalidOperationException("a logged value is a meta tensor: some tensor was created without the module's device");
        using var host = values.detach().to(ScalarType.Float32).cpu().contiguous();
        return host.data<float>().ToArray();
    }

    /// <summary>The logged diagnostics of an update, which must all be finite: a NaN or infinite loss stops training.</summary>
    public static float[] Diagnostics(Tensor values, IReadOnlyList<string> names, long step)
    {
        var read = Of(values);
        for (int k = 0; k < read.Length; k++)
            if (!float.IsFinite(read[k]))
                throw new TrainingDivergedException($"{names[k]} is {read[k]} at step {step}");
        return read;
    }
}
