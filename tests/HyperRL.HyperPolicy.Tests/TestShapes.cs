using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

internal static class TestShapes
{
    public static readonly PolicyShapes Discrete = new(5, ActionKind.Discrete, 3, [0f, -1f, 10f], [1f, 1f, 20f]);

    public static readonly PolicyShapes Continuous = new(5, ActionKind.Continuous, 2, [0f, -1f, 10f], [1f, 1f, 20f], [-2f, 0f], [2f, 1f]);

    public static PolicySpec Hyper(HyperKind kind = HyperKind.Full, HyperInit init = HyperInit.HyperfanIn) => new()
    {
        Conditioning = ConditioningKind.Hyper,
        Hidden = [16, 16],
        Hyper = new HyperSpec { Kind = kind, Init = init, Embedding = 8, EncoderHidden = [16], ChunkSize = 64, Rank = 2 },
    };

    /// <summary>'hyper + concat': <paramref name="spec"/> with the normalized descriptor also appended to the main input.</summary>
    public static PolicySpec ConcatInput(PolicySpec spec) => spec with { Hyper = spec.Hyper with { ConcatInput = true } };

    /// <summary>Uniform descriptors inside the declared ranges of <paramref name="shapes"/>.</summary>
    public static Tensor Descriptors(PolicyShapes shapes, int rows)
    {
        var low = tensor(shapes.DescriptorLow);
        var high = tensor(shapes.DescriptorHigh);
        return low + rand(rows, shapes.DescriptorSize) * (high - low);
    }

    public static float[] Values(Tensor t) => t.detach().cpu().contiguous().to(ScalarType.Float32).data<float>().ToArray();
}
