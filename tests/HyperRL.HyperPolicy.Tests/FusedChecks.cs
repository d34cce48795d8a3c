using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

/// <summary>What the fused-path tests share: a module's parameters as the flat array the fused path reads, and the
/// comparison against autograd's values.</summary>
internal static class FusedChecks
{
    /// <summary>The parameters' values in one flat array, in module order, and each one's offset there.</summary>
    public static (float[] Flat, Dictionary<IntPtr, long> Offsets) Flatten(nn.Module module)
    {
        var offsets = new Dictionary<IntPtr, long>();
        var values = new List<float>();
        foreach (var parameter in module.parameters())
        {
            offsets[parameter.Handle] = values.Count;
            values.AddRange(TestShapes.Values(parameter));
        }
        return (values.ToArray(), offsets);
    }

    public static void AssertClose(float[] actual, float[] expected, string label)
    {
        double scale = Math.Max(1e-3, expected.Length == 0 ? 0 : expected.Max(Math.Abs));
        double worst = actual.Zip(expected, (x, y) => Math.Abs(x - y)).DefaultIfEmpty(0).Max();
        Assert.That(worst / scale, Is.LessThan(2e-5), $"{label}: largest difference {worst} at scale {scale}");
    }
}
