using HyperRL.HyperPolicy.MainNetworks;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

/// <summary>Factorized noisy layers (Fortunato et al. 2018) in every conditioning scheme.</summary>
public sealed class NoisyNetworkTests
{
    private static readonly QNetworkOptions Noisy = new() { Noisy = true, NoisySigma = 0.5f };

    private static IEnumerable<TestCaseData> Schemes()
    {
        var hyper = TestShapes.Hyper() with { Activation = ActivationKind.Relu };
        yield return new TestCaseData(hyper).SetArgDisplayNames("hyper-all-generated");
        yield return new TestCaseData(hyper with { Hyper = hyper.Hyper with { GeneratedLayers = 1 } }).SetArgDisplayNames("hyper-last-layer");
        yield return new TestCaseData(TestShapes.ConcatInput(hyper)).SetArgDisplayNames("hyper-concat-input");
        yield return new TestCaseData(TestShapes.ConcatInput(hyper with { Hyper = hyper.Hyper with { GeneratedLayers = 1 } })).SetArgDisplayNames("hyper-concat-input-last-layer");
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Film }).SetArgDisplayNames("film");
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Concat }).SetArgDisplayNames("concat");
        yield return new TestCaseData(hyper with { Conditioning = ConditioningKind.Mlp }).SetArgDisplayNames("mlp");
    }

    private static float[] Gaussian(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (var i = 0; i < count; i++)
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        return values;
    }

    [Test]
    public void NoiseIsFactorizedAndScaledBySigma()
    {
        using var scope = NewDisposeScope();
        var shape = new MainLayerShape(400, 300, Enumerable.Repeat(1f, 300).ToArray());
        using var noise = new FactorizedNoise("noise", [shape], sigma0: 0.5f);
        var parameters = noise.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.That(parameters["sigma_w0"].mean().item<float>(), Is.EqualTo(0.5f / 20).Within(1e-7), "sigma_0 / sqrt(In)");
        Assert.That(parameters["sigma_b0"].mean().item<float>(), Is.EqualTo(0.5f / 20).Within(1e-7));

        var eps = Gaussian(noise.NoiseSize, 1);
        noise.SetNoise(tensor(eps));
        var mu = new LayerWeights(zeros(400, 300), zeros(300));
        var noisy = noise.Apply([mu])[0];
        var f = tensor(eps).sign() * tensor(eps).abs().sqrt();
        var fIn = f.narrow(0, 0, 400);
        var fOut = f.narrow(0, 400, 300);
        // W - mu = sigma ⊙ f(eps_in) f(eps_out)^T exactly, and b - mu_b = sigma_b ⊙ f(eps_out).
        Assert.That(noisy.Weight.allclose(parameters["sigma_w0"] * fIn.outer(fOut), rtol: 1e-6, atol: 1e-7), Is.True);
        Assert.That(noisy.Bias.allclose(parameters["sigma_b0"] * fOut, rtol: 1e-6, atol: 1e-7), Is.True);
        // Rank one: every row is a multiple of f(eps_out).
        var normalized = noisy.Weight / parameters["sigma_w0"];
        Assert.That(linalg.matrix_rank(normalized).item<long>(), Is.EqualTo(1));
        // f(eps) of a standard normal has mean 0 and E f^2 = E|eps| = sqrt(2 / pi); the products' mean is 0 too.
        var products = normalized.flatten();
        Assert.That(products.mean().item<float>(), Is.EqualTo(0).Within(0.02));
        Assert.That(f.square().mean().item<float>(), Is.EqualTo(Math.Sqrt(2 / Math.PI)).Within(0.05));
        Assert.That(f.mean().item<float>(), Is.EqualTo(0).Within(0.1));
    }

    [TestCaseSource(nameof(Schemes))]
    public void NoiseIsReproducibleEvalModeIsMuAndGradientsReachMuAndSigma(PolicySpec spec)
    {
        manual_seed(21);
        using var network = QNetwork.Create(spec, TestShapes.Discrete, Noisy with { Distribution = QDistributionKind.Quantile, Quantiles = 3 });
        Assert.That(network.NoiseSize, Is.GreaterThan(0));
        using var scope = NewDisposeScope();
        var obs = randn(6, 5);
        var desc = TestShapes.Descriptors(TestShapes.Discrete, 6);
        var muOnly = NoGrad(() => network.QValues(obs, desc)); // before any ResetNoise the noise is zero
        network.ResetNoise(Gaussian(network.NoiseSize, 3));
        var first = NoGrad(() => network.QValues(obs, desc));
        Assert.That(first.allclose(muOnly), Is.False, "the noise changes the output");
        network.ResetNoise(Gaussian(network.NoiseSize, 4));
        Assert.That(NoGrad(() => network.QValues(obs, desc)).allclose(first), Is.False, "new draws, new noise");
        network.ResetNoise(Gaussian(network.NoiseSize, 3));
        Assert.That(NoGrad(() => network.QValues(obs, desc)).allclose(first, rtol: 0, atol: 0), Is.True, "the same draws, the same noise");

        network.eval();
        Assert.That(NoGrad(() => network.QValues(obs, desc)).allclose(muOnly, rtol: 0, atol: 0), Is.True, "eval mode is mu alone");
        network.train();

        // The C# snapshots: with noise (acting while training) and without (evaluation), as the torch forward.
        var q = new float[6 * 3];
        new QNetworkInference(network, withNoise: true).QValues(TestShapes.Values(obs), TestShapes.Values(desc), 6, q);
        Assert.That(q, Is.EqualTo(TestShapes.Values(first)).Within(1e-4f), "acting snapshot holds the noisy weights");
        new QNetworkInference(network).QValues(TestShapes.Values(obs), TestShapes.Values(desc), 6, q);
        Assert.That(q, Is.EqualTo(TestShapes.Values(muOnly)).Within(1e-4f), "evaluation snapshot holds mu");
        Assert.That(network.training, Is.True, "a snapshot leaves the mode as it was");

        network.QValues(obs, desc).square().sum().backward();
        var missing = TestParameters.WithoutGradient(network);
        Assert.That(missing, Is.Empty, "every parameter, mu and sigma, has a gradient");
        Assert.That(network.named_parameters().Count(p => p.name.Contains("sigma_")), Is.GreaterThan(0));
    }

    private static Tensor NoGrad(Func<Tensor> forward)
    {
        using var noGrad = no_grad();
        return forward();
    }
}
