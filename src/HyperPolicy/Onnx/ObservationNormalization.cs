namespace HyperRL.HyperPolicy.Onnx;

/// <summary>
/// What an exported graph does to raw observations before the network reads them: (x - Mean) / Std, clipped to
/// [-Clip, Clip], the env pipeline's frozen observation normalization. In the graph, so an application feeds the
/// observations its env gives.
/// </summary>
public sealed record ObservationNormalization(float[] Mean, float[] Std, float Clip)
{
    internal void Check(int observationSize)
    {
        if (Mean.Length != observationSize || Std.Length != observationSize)
            throw new ArgumentException(
                $"observation normalization has {Mean.Length} means and {Std.Length} deviations, the policy reads {observationSize} observation values");
        if (Mean.Any(m => !float.IsFinite(m)) || Std.Any(s => !(s > 0) || !float.IsFinite(s)) || !(Clip > 0))
            throw new ArgumentException("observation normalization needs finite means, positive finite deviations and a positive clip");
    }
}
