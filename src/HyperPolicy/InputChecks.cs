using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>Shape checks at the public entry points, so a wrong tensor fails with a sentence, not deep inside torch.</summary>
internal static class InputChecks
{
    public static void Check(PolicyShapes shapes, Tensor observations, Tensor descriptors)
    {
        if (observations.dim() != 2 || observations.shape[1] != shapes.ObservationSize)
            throw new ArgumentException($"observations must be [batch, {shapes.ObservationSize}], got [{string.Join(", ", observations.shape)}]");
        if (shapes.DescriptorSize == 0) return;
        var valid = descriptors.dim() switch
        {
            1 => descriptors.shape[0] == shapes.DescriptorSize,
            2 => descriptors.shape[0] == observations.shape[0] && descriptors.shape[1] == shapes.DescriptorSize,
            _ => false,
        };
        if (!valid)
            throw new ArgumentException(
                $"descriptors must be [{shapes.DescriptorSize}] (shared) or [{observations.shape[0]}, {shapes.DescriptorSize}] (per row), got [{string.Join(", ", descriptors.shape)}]");
    }
}
