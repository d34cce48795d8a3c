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
        RequireFinite(read, names, step);
        return read;
    }

    /// <summary>Throws <see cref="TrainingDivergedException"/> naming the first value that is NaN or infinite.</summary>
    public static void RequireFinite(ReadOnlySpan<float> values, IReadOnlyList<string> names, long step)
    {
        for (int k = 0; k < values.Length; k++)
            if (!float.IsFinite(values[k]))
                throw new TrainingDivergedException($"{names[k]} is {values[k]} at step {step}");
    }
}
