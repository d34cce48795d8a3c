namespace HyperRL.HyperPolicy.MainNetworks;

/// <summary>The layers of a main MLP; the activation follows every layer except the last.</summary>
internal sealed record MainNetworkLayout(IReadOnlyList<MainLayerShape> Layers, ActivationKind Activation)
{
    /// <summary>CleanRL gains: sqrt(2) for hidden layers; output gains come from the head (0.01 policy, 1 value).</summary>
    public static readonly float HiddenGain = MathF.Sqrt(2f);

    public static MainNetworkLayout Create(int inputSize, IReadOnlyList<int> hidden, float[] outputGains, ActivationKind activation)
    {
        var layers = new List<MainLayerShape>();
        var previous = inputSize;
        foreach (var size in hidden)
        {
            layers.Add(new MainLayerShape(previous, size, Enumerable.Repeat(HiddenGain, size).ToArray()));
            previous = size;
        }
        layers.Add(new MainLayerShape(previous, outputGains.Length, outputGains));
        return new MainNetworkLayout(layers, activation);
    }

    public int OutputSize => Layers[^1].Out;
}
