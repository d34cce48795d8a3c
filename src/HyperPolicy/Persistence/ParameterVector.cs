using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Persistence;

/// <summary>
/// A module's parameters as one plain float vector, in <c>parameters()</c> order: what a remote rollout worker
/// receives instead of a TorchSharp file, and loads into its own copy of the same network (same spec, same shapes).
/// One whole-tensor transfer per parameter.
/// </summary>
public static class ParameterVector
{
    public static long Count(nn.Module module) => module.parameters().Sum(p => p.numel());

    public static float[] Read(nn.Module module)
    {
        var values = new float[Count(module)];
        long offset = 0;
        using var scope = NewDisposeScope();
        foreach (var parameter in module.parameters())
        {
            var host = parameter.detach().cpu().contiguous();
            host.data<float>().CopyTo(values.AsSpan((int)offset, (int)parameter.numel()));
            offset += parameter.numel();
        }
        return values;
    }

    /// <summary>Loads <paramref name="values"/> (as <see cref="Read"/> wrote them for the same network) into the module.</summary>
    public static void Write(nn.Module module, float[] values)
    {
        long count = Count(module);
        if (values.Length != count)
            throw new ArgumentException($"the parameter vector holds {values.Length:N0} values, the network has {count:N0}");
        long offset = 0;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var all = tensor(values, [count]);
        foreach (var parameter in module.parameters())
        {
            var source = all.narrow(0, offset, parameter.numel()).reshape(parameter.shape);
            parameter.copy_(source.to(parameter.device));
            offset += parameter.numel();
        }
    }
}
