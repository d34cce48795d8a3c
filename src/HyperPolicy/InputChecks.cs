using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>Shape checks at the public entry points, so a wrong tensor or span fails with a sentence, not deep inside torch
/// or with an index out of range halfway through a batch.</summary>
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

    /// <summary>Tensor [B, actionSize] for <paramref name="observations"/> [B, obs].</summary>
    public static void CheckActions(PolicyShapes shapes, Tensor observations, Tensor actions)
    {
        if (actions.dim() != 2 || actions.shape[0] != observations.shape[0] || actions.shape[1] != shapes.ActionSize)
            throw new ArgumentException($"actions must be [{observations.shape[0]}, {shapes.ActionSize}], got [{string.Join(", ", actions.shape)}]");
    }

    /// <summary>The C# acting entry points: <paramref name="rows"/> rows of observations and of descriptors.</summary>
    public static void CheckRows(PolicyShapes shapes, ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "rows must not be negative");
        if (observations.Length < rows * shapes.ObservationSize)
            throw new ArgumentException($"observations hold {observations.Length} values, {rows} rows of {shapes.ObservationSize} need {rows * shapes.ObservationSize}");
        if (descriptors.Length < rows * shapes.DescriptorSize)
            throw new ArgumentException($"descriptors hold {descriptors.Length} values, {rows} rows of {shapes.DescriptorSize} need {rows * shapes.DescriptorSize}");
    }

    /// <summary>An output span with room for <paramref name="perRow"/> values of each of <paramref name="rows"/> rows.</summary>
    public static void CheckOutput(int length, int rows, int perRow, string name)
    {
        if (length < rows * perRow)
            throw new ArgumentException($"{name} holds {length} values, {rows} rows of {perRow} need {rows * perRow}");
    }

    /// <summary>The action span an <see cref="IDeterministicPolicy"/> writes: one index per row, or one action vector per row.</summary>
    public static void CheckActionOutput(PolicyShapes shapes, int rows, Span<int> discreteActions, Span<float> continuousActions)
    {
        if (shapes.ActionKind == ActionKind.Discrete) CheckOutput(discreteActions.Length, rows, 1, "discreteActions");
        else CheckOutput(continuousActions.Length, rows, shapes.ActionSize, "continuousActions");
    }
}
