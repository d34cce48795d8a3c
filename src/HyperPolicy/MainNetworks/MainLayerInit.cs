using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.MainNetworks;

/// <summary>How an ordinary (not generated) main-net layer is initialized, and the weight variance each init aims at.</summary>
internal static class MainLayerInit
{
    /// <summary>Weight [In, Out]: orthogonal (CleanRL) or normal with std gain/sqrt(fan_in); each column scaled by its gain.</summary>
    public static Tensor Weight(MainLayerShape shape, bool orthogonal)
    {
        using var scope = NewDisposeScope();
        Tensor weight;
        if (orthogonal)
        {
            var rowsAreOutputs = empty(shape.Out, shape.In);
            nn.init.orthogonal_(rowsAreOutputs);
            weight = rowsAreOutputs.t();
        }
        else
        {
            weight = randn(shape.In, shape.Out) / MathF.Sqrt(shape.In);
        }
        return (weight * tensor(shape.ColumnGains)).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Variance of one weight entry of column <paramref name="column"/> under <see cref="Weight"/>.</summary>
    public static double Variance(MainLayerShape shape, int column, bool orthogonal)
    {
        var gain = (double)shape.ColumnGains[column];
        // An orthogonal [Out, In] matrix has unit-norm rows (Out <= In) or columns (Out > In).
        return gain * gain / (orthogonal ? Math.Max(shape.In, shape.Out) : shape.In);
    }

    /// <summary>Target variance of a generated weight entry for each hypernetwork init (Chang et al. 2020 for hyperfan).</summary>
    public static double TargetVariance(MainLayerShape shape, int column, HyperInit init, bool orthogonal)
    {
        var gain = (double)shape.ColumnGains[column];
        return init switch
        {
            HyperInit.HyperfanIn => gain * gain / shape.In,
            HyperInit.HyperfanOut => gain * gain / shape.Out,
            HyperInit.Bias => Variance(shape, column, orthogonal),
            _ => throw new ArgumentOutOfRangeException(nameof(init), init, null),
        };
    }
}
