namespace HyperRL.HyperPolicy.Fused;

/// <summary>One affine layer y = x W + b of the fused path: W [In, Out] (row-major) and b [Out] at offsets into the
/// array that holds the stage's weights (the optimizer's flat parameters, or one descriptor's generated vector).</summary>
internal readonly record struct FusedLayer(int In, int Out, int WeightOffset, int BiasOffset);
