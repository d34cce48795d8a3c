using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.MainNetworks;

/// <summary>
/// Factorized Gaussian noise for a list of main-net layers (Fortunato et al. 2018, section 3.2), in the [In, Out]
/// convention: W = mu_W + sigma_W ⊙ (f(eps_in) f(eps_out)^T), b = mu_b + sigma_b ⊙ f(eps_out), f(x) = sign(x) sqrt|x|.
/// It owns sigma (trained, initialized to sigma_0 / sqrt(In)) and the current f(eps) vectors (buffers, so that they
/// travel with checkpoints and the target network's copy); mu comes from whoever owns the layer, trained or
/// generated. The layer shapes are the contract: <see cref="NoiseSize"/> = sum(In + Out), the order of
/// <see cref="SetNoise"/>'s flat vector. In eval mode (module.eval()) <see cref="Apply"/> returns mu unchanged.
/// </summary>
internal sealed class FactorizedNoise : nn.Module
{
    private readonly IReadOnlyList<MainLayerShape> shapes;
    private readonly List<(Tensor SigmaW, Tensor SigmaB, Tensor EpsIn, Tensor EpsOut)> layers = [];

    public FactorizedNoise(string name, IReadOnlyList<MainLayerShape> shapes, float sigma0) : base(name)
    {
        this.shapes = shapes;
        for (var i = 0; i < shapes.Count; i++)
        {
            var initial = sigma0 / MathF.Sqrt(shapes[i].In);
            register_parameter($"sigma_w{i}", nn.Parameter(full(shapes[i].In, shapes[i].Out, initial)));
            register_parameter($"sigma_b{i}", nn.Parameter(full(shapes[i].Out, initial)));
            // Zero noise until the first SetNoise: a network nobody resamples computes mu.
            register_buffer($"eps_in{i}", zeros(shapes[i].In));
            register_buffer($"eps_out{i}", zeros(shapes[i].Out));
        }
        Collect();
    }

    /// <summary>sum over layers of In + Out: the length of one draw of eps.</summary>
    public int NoiseSize => shapes.Sum(shape => shape.In + shape.Out);

    public IReadOnlyList<MainLayerShape> Shapes => shapes;

    /// <summary>f(eps) from raw standard-normal eps [NoiseSize] (layer by layer: eps_in, then eps_out), on this module's device.</summary>
    public void SetNoise(Tensor eps)
    {
        using var noGrad = no_grad();
        var f = eps.sign() * eps.abs().sqrt();
        long offset = 0;
        foreach (var (_, _, epsIn, epsOut) in layers)
        {
            epsIn.copy_(f.narrow(0, offset, epsIn.shape[0]));
            offset += epsIn.shape[0];
            epsOut.copy_(f.narrow(0, offset, epsOut.shape[0]));
            offset += epsOut.shape[0];
        }
    }

    /// <summary>The noisy layers for mu (shared [In, Out] or batched [G, In, Out]: the noise is shared by the batch and
    /// broadcasts); mu itself in eval mode.</summary>
    public IReadOnlyList<LayerWeights> Apply(IReadOnlyList<LayerWeights> mu)
    {
        if (!training) return mu;
        var noisy = new LayerWeights[mu.Count];
        for (var i = 0; i < mu.Count; i++)
        {
            var (sigmaW, sigmaB, epsIn, epsOut) = layers[i];
            noisy[i] = new LayerWeights(mu[i].Weight + sigmaW * epsIn.outer(epsOut), mu[i].Bias + sigmaB * epsOut);
        }
        return noisy;
    }

    /// <summary>Parameters and buffers are replaced when the module moves: look them up again (as <see cref="TrainedLayerStack"/>).</summary>
    protected override void _toEpilog(ScalarType? dtype, Device? device, bool non_blocking)
    {
        base._toEpilog(dtype, device, non_blocking);
        Collect();
    }

    private void Collect()
    {
        layers.Clear();
        for (var i = 0; i < shapes.Count; i++)
            layers.Add((get_parameter($"sigma_w{i}")!, get_parameter($"sigma_b{i}")!, get_buffer($"eps_in{i}")!, get_buffer($"eps_out{i}")!));
    }
}
