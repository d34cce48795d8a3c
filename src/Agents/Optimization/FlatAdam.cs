using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Optimization;

/// <summary>
/// Adam (Kingma and Ba 2015, with PyTorch's bias correction and epsilon placement) fused with global gradient-norm
/// clipping, run on ONE flat buffer. Small RL networks have many small parameter tensors, and with TorchSharp each
/// tensor op costs microseconds: the per-parameter loops of <c>clip_grad_norm_</c> and <c>optim.Adam</c> cost more
/// than the arithmetic. So at construction every parameter becomes a view into one flat parameter vector and its
/// gradient a view into one flat gradient vector (autograd accumulates into an existing gradient in place); a step is
/// then one fused pass on the CPU (<see cref="FusedAdamKernel"/>, over the tensors' memory) or about eight tensor ops
/// on other devices, whatever the number of tensors, with no gathering or scattering. Both paths match
/// <c>clip_grad_norm_</c> followed by <c>optim.Adam</c> (tested), and both leave the gradient zeroed.
/// Loading weights into the module later must copy into the parameters (as <c>load</c> and <c>copy_</c> do), not
/// replace them.
/// </summary>
public sealed class FlatAdam : IDisposable
{
    private readonly Tensor[] _parameters;
    private readonly Tensor _flat;
    private readonly Tensor _flatGrad;
    private readonly Tensor _exp_avg;
    private readonly Tensor _exp_avg_sq;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _eps;
    private readonly bool _onCpu;
    private bool _forceTensorOps;
    private long _step;

    public FlatAdam(IEnumerable<Tensor> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        _parameters = parameters.Where(p => p.requires_grad).ToArray();
        if (_parameters.Length == 0) throw new ArgumentException("FlatAdam needs at least one trainable parameter.");
        long total = _parameters.Sum(p => p.numel());
        var device = _parameters[0].device;
        _onCpu = device.type == DeviceType.CPU;
        _flat = zeros(total, device: device);
        _flatGrad = zeros(total, device: device);
        using (no_grad())
        {
            long offset = 0;
            foreach (var p in _parameters)
            {
                long n = p.numel();
                var view = _flat.narrow(0, offset, n).view(p.shape);
                view.copy_(p);
                p.set_(view);
                p.grad = _flatGrad.narrow(0, offset, n).view(p.shape);
                offset += n;
            }
        }
        _exp_avg = zeros(total, device: device);
        _exp_avg_sq = zeros(total, device: device);
        LearningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _eps = eps;
    }

    public double LearningRate { get; set; }

    /// <summary>Takes the tensor-op path on the CPU too (what other devices run), so tests can check both paths.</summary>
    internal void UseTensorOps() => _forceTensorOps = true;
    public long StepCount => _step;
    public long ParameterCount => _flat.numel();

    public void ZeroGrad() => _flatGrad.zero_();

    /// <summary>Clips the global gradient norm to <paramref name="maxGradNorm"/> (infinity disables) and takes one
    /// Adam step. Returns the gradient norm before clipping.</summary>
    public double Step(double maxGradNorm)
    {
        _step++;
        double biasCorrection1 = 1 - Math.Pow(_beta1, _step);
        double sqrtBiasCorrection2 = Math.Sqrt(1 - Math.Pow(_beta2, _step));
        // PyTorch: p -= lr / bc1 * m / (sqrt(v) / sqrt(bc2) + eps); the same with sqrt(bc2) moved out of the division.
        double stepSize = LearningRate * sqrtBiasCorrection2 / biasCorrection1;
        double epsilonHat = _eps * sqrtBiasCorrection2;
        return _onCpu && !_forceTensorOps ? StepOnCpu(maxGradNorm, stepSize, epsilonHat) : StepWithTensorOps(maxGradNorm, stepSize, epsilonHat);
    }

    private double StepOnCpu(double maxGradNorm, double stepSize, double epsilonHat)
    {
        var gradient = Floats(_flatGrad);
        double gradNorm = Math.Sqrt(FusedAdamKernel.SquaredNorm(gradient));
        double scale = double.IsFinite(maxGradNorm) && gradNorm > maxGradNorm ? maxGradNorm / (gradNorm + 1e-6) : 1.0;
        FusedAdamKernel.Step(Floats(_flat), gradient, Floats(_exp_avg), Floats(_exp_avg_sq),
            (float)scale, (float)_beta1, (float)_beta2, (float)stepSize, (float)epsilonHat);
        return gradNorm;
    }

    private double StepWithTensorOps(double maxGradNorm, double stepSize, double epsilonHat)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        double gradNorm = _flatGrad.norm().item<float>();
        if (double.IsFinite(maxGradNorm) && gradNorm > maxGradNorm) _flatGrad.mul_(maxGradNorm / (gradNorm + 1e-6));
        _exp_avg.lerp_(_flatGrad, 1 - _beta1);
        _exp_avg_sq.mul_(_beta2).addcmul_(_flatGrad, _flatGrad, value: 1 - _beta2);
        var denom = _exp_avg_sq.sqrt().add_(epsilonHat);
        _flat.addcdiv_(_exp_avg, denom, value: -stepSize);
        _flatGrad.zero_();
        return gradNorm;
    }

    /// <summary>The tensor's memory as floats (a live view: the flat buffers are contiguous CPU float32 tensors).</summary>
    private static Span<float> Floats(Tensor flat) => MemoryMarshal.Cast<byte, float>(flat.bytes);

    /// <summary>Saves the optimizer state (moments and step count) for checkpoints.</summary>
    public void Save(string path)
    {
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        writer.Write(_step);
        writer.Write(_exp_avg.numel());
        foreach (var t in new[] { _exp_avg, _exp_avg_sq })
        {
            var values = t.cpu().data<float>().ToArray();
            foreach (float v in values) writer.Write(v);
        }
    }

    public void Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        long step = reader.ReadInt64();
        long count = reader.ReadInt64();
        if (count != _exp_avg.numel() || step < 0)
            throw new InvalidDataException($"optimizer state holds {count} values, this model has {_exp_avg.numel()}");
        if (stream.Length != 16 + 2 * 4 * count) throw new InvalidDataException("optimizer state file is truncated or has trailing data");
        foreach (var t in new[] { _exp_avg, _exp_avg_sq })
        {
            var values = new float[count];
            for (long k = 0; k < count; k++) values[k] = reader.ReadSingle();
            using var loaded = tensor(values);
            using var noGrad = no_grad();
            t.copy_(loaded);
        }
        _step = step;
    }

    /// <summary>Releases the optimizer's handles; the parameters keep their storage (libtorch counts references).</summary>
    public void Dispose()
    {
        _exp_avg.Dispose();
        _exp_avg_sq.Dispose();
        _flat.Dispose();
        _flatGrad.Dispose();
    }
}
