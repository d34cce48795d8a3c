using HyperRL.HyperPolicy.MainNetworks;

namespace HyperRL.HyperPolicy.Conditioning;

internal static class ConditionedNetworkFactory
{
    /// <summary>observation -> spec.Hidden -> outputGains.Length outputs, conditioned as <paramref name="conditioning"/> says.</summary>
    public static ConditionedNetwork Create(string name, ConditioningKind conditioning, PolicySpec spec, PolicyShapes shapes, float[] outputGains,
        float? noisySigma = null) =>
        Create(name, conditioning, spec, shapes, shapes.ObservationSize, outputGains, noisySigma);

    /// <summary>
    /// An input of <paramref name="inputSize"/> values per row (e.g. a critic's [observation, action]) -> spec.Hidden ->
    /// outputGains.Length outputs, conditioned as <paramref name="conditioning"/> says; with <paramref name="noisySigma"/>
    /// the main network's layers are noisy (Fortunato et al. 2018) with that sigma_0.
    /// </summary>
    public static ConditionedNetwork Create(string name, ConditioningKind conditioning, PolicySpec spec, PolicyShapes shapes, int inputSize, float[] outputGains,
        float? noisySigma = null)
    {
        var orthogonal = spec.OrthogonalInit;
        var layout = MainNetworkLayout.Create(inputSize, spec.Hidden, outputGains, spec.Activation);
        return conditioning switch
        {
            ConditioningKind.Mlp => new PlainNetwork(name, layout, orthogonal, noisySigma),
            ConditioningKind.Concat => new ConcatNetwork(name,
                MainNetworkLayout.Create(inputSize + shapes.DescriptorSize, spec.Hidden, outputGains, spec.Activation),
                shapes.DescriptorLow, shapes.DescriptorHigh, orthogonal, noisySigma),
            ConditioningKind.Film => new FilmNetwork(name, layout, shapes.DescriptorLow, shapes.DescriptorHigh, spec.FilmHidden, orthogonal, noisySigma),
            ConditioningKind.Hyper => new HyperConditionedNetwork(name, HyperLayout(inputSize, spec, shapes, outputGains), shapes.DescriptorLow, shapes.DescriptorHigh, spec.Hyper, orthogonal, noisySigma),
            _ => throw new ArgumentOutOfRangeException(nameof(conditioning), conditioning, null),
        };
    }

    /// <summary>Two main networks (actor: observation -> spec.Hidden -> outputs; critic: observation -> the spec's critic
    /// hidden sizes -> outputs) from one hypernetwork.</summary>
    public static HyperConditionedNetwork CreateHyperPair(string name, PolicySpec spec, PolicyShapes shapes, float[] firstOutputGains, float[] secondOutputGains) =>
        new(name, [HyperLayout(shapes.ObservationSize, spec, shapes, firstOutputGains),
                HyperLayout(shapes.ObservationSize, spec with { Hidden = spec.ResolveCriticHidden() }, shapes, secondOutputGains)],
            shapes.DescriptorLow, shapes.DescriptorHigh, spec.Hyper, spec.OrthogonalInit);

    /// <summary>
    /// Several main networks (<paramref name="inputSize"/> inputs -> spec.Hidden -> outputs each, e.g. SAC's twin
    /// critics) from one hypernetwork: one encoder pass and one output matmul generate them all.
    /// </summary>
    public static HyperConditionedNetwork CreateHyperGroup(string name, PolicySpec spec, PolicyShapes shapes, int inputSize, IReadOnlyList<float[]> outputGains)
    {
        var layouts = outputGains
            .Select(gains => HyperLayout(inputSize, spec, shapes, gains))
            .ToArray();
        return new HyperConditionedNetwork(name, layouts, shapes.DescriptorLow, shapes.DescriptorHigh, spec.Hyper, spec.OrthogonalInit);
    }

    /// <summary>A hypernetwork's main network: <paramref name="inputSize"/> inputs, plus the descriptor's with
    /// 'hyper.concatInput'.</summary>
    private static MainNetworkLayout HyperLayout(int inputSize, PolicySpec spec, PolicyShapes shapes, float[] outputGains) =>
        MainNetworkLayout.Create(inputSize + (spec.Hyper.ConcatInput ? shapes.DescriptorSize : 0), spec.Hidden, outputGains, spec.Activation);
}
