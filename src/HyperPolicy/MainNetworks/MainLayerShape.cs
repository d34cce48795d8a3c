namespace HyperRL.HyperPolicy.MainNetworks;

/// <summary>One affine layer y = x W + b with W [In, Out]; ColumnGains holds the init gain of each output unit.</summary>
internal sealed record MainLayerShape(int In, int Out, float[] ColumnGains)
{
    public int WeightCount => In * Out;
    public int ParameterCount => In * Out + Out;
}
