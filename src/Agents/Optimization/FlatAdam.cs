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
/// then one fused pass on the CPU (<see cref="FusedAdamKernel"/>, over the tensors' memory) or about a dozen tensor ops
/// on other devices, whatever the number of tensors, with no gathering or scattering. Both paths match
/// <c>clip_grad_norm_</c> followed by <c>optim.Adam</c> (tested), and both leave the gradient zeroed.
/// On the CPU, large parameters (a hypernetwork's output layer) keep gradients of their own: autograd then hands its
/// freshly computed gradient over instead of adding it into a zeroed view, one pass over the largest tensor fewer
/// per step; the kernel reads them where they are.
/// Loading weights into the module later must copy into the parameters (as <c>load</c> and <c>copy_</c> do), not
/// replace them; build the optimizer after moving the module to its device. A step checks that every parameter still
/// views the buffer (<see cref="ParameterViewCheck"/>) and throws if one does not. Off the CPU a step reads nothing
/// back from the device (clipping is a coefficient tensor), so it runs on the meta device too.
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
    private readonly long[] _offsets; // of each parameter in the flat buffers
    private readonly Dictionary<IntPtr, long> _offsetByHandle = [];
    private readonly bool[] _ownGradient; // parameters whose gradient is not a view of the flat gradient buffer
    private readonly ParameterViewCheck _views;
    private readonly Tensor _gradNormOnDevice; // 0-d: the tensor-op path's last norm, read back only when asked for
    private double _gradNormOnCpu;
    private bool _lastStepOnCpu;
    private bool _forceTensorOps;

    /// <summary>Parameters with at least this many values keep their own gradient on the CPU.</summary>
    public const long OwnGradientMinSize = 32_768;
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
        _offsets = new long[_parameters.Length];
        _ownGradient = new bool[_parameters.Length];
        using (no_grad())
        {
            long offset = 0;
            for (int i = 0; i < _parameters.Length; i++)
            {
                var p = _parameters[i];
                long n = p.numel();
                var view = _flat.narrow(0, offset, n).view(p.shape);
                view.copy_(p);
                p.set_(view);
                _offsets[i] = offset;
                _offsetByHandle[p.Handle] = offset;
                _ownGradient[i] = _onCpu && n >= OwnGradientMinSize;
                p.grad = _ownGradient[i] ? null : _flatGrad.narrow(0, offset, n).view(p.shape);
                offset += n;
            }
        }
        _exp_avg = zeros(total, device: device);
        _exp_avg_sq = zeros(total, device: device);
        _gradNormOnDevice = zeros(Array.Empty<long>(), device: device);
        _views = new ParameterViewCheck(_parameters, _offsets, _flat);
        LearningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _eps = eps;
    }

    public double LearningRate { get; set; }

    /// <summary>Takes the tensor-op path on the CPU too (what other devices run), so tests can check both paths.</summary>
    internal void UseTensorOps()
    {
        _forceTensorOps = true;
        using var noGrad = no_grad();
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (!_ownGradient[i]) continue;
            _ownGradient[i] = false;
            _parameters[i].grad = _flatGrad.narrow(0, _offsets[i], _parameters[i].numel()).view(_parameters[i].shape);
        }
    }
    public long StepCount => _step;

    /// <summary>Where <paramref name="parameter"/>'s values start in the flat buffers; null when it is not one of the
    /// optimizer's parameters.</summary>
    public long? OffsetOf(Tensor parameter) => _offsetByHandle.TryGetValue(parameter.Handle, out var offset) ? offset : null;

    /// <summary>The flat parameter buffer's memory, live (CPU only): what the parameters view.</summary>
    public Span<float> ParameterValues => _onCpu ? Floats(_flat) : throw new InvalidOperationException("the flat buffers are not on the CPU");

    /// <summary>The flat gradient buffer's memory, live (CPU only), for a training path that computes the gradient
    /// itself: written there (every parameter's slice, also those that keep their own gradient under autograd),
    /// <see cref="Step"/> takes it as autograd's, and leaves it zeroed.</summary>
    public Span<float> GradientValues => _onCpu ? Floats(_flatGrad) : throw new InvalidOperationException("the flat buffers are not on the CPU");
    public long ParameterCount => _flat.numel();

    public void ZeroGrad()
    {
        _flatGrad.zero_();
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (!_ownGradient[i]) continue;
            _views.ThrowIfDisposed(i); // a clear error rather than TorchSharp's "empty handle" one
            _parameters[i].grad = null;
        }
    }

    /// <summary>
    /// The global gradient norm before clipping, of the last step. After a step off the CPU, reading it waits for the
    /// device (and fails on meta, which holds no values); the step itself never does.
    /// </summary>
    public double LastGradientNorm => _lastStepOnCpu ? _gradNormOnCpu : _gradNormOnDevice.item<float>();

    /// <summary>Clips the global gradient norm to <paramref name="maxGradNorm"/> (infinity disables) and takes one
    /// Adam step (the norm: <see cref="LastGradientNorm"/>). Throws <see cref="InvalidOperationException"/> if a
    /// parameter no longer views the optimizer's buffer, and on the CPU <see cref="Training.TrainingDivergedException"/>
    /// (before changing anything) if the gradient is not finite; off the CPU the losses are checked instead.</summary>
    public void Step(double maxGradNorm)
    {
        _views.ThrowIfDetached();
        _step++;
        double biasCorrection1 = 1 - Math.Pow(_beta1, _step);
        double sqrtBiasCorrection2 = Math.Sqrt(1 - Math.Pow(_beta2, _step));
        // PyTorch: p -= lr / bc1 * m / (sqrt(v) / sqrt(bc2) + eps); the same with sqrt(bc2) moved out of the division.
        double stepSize = LearningRate * sqrtBiasCorrection2 / biasCorrection1;
        double epsilonHat = _eps * sqrtBiasCorrection2;
        _lastStepOnCpu = _onCpu && !_forceTensorOps;
        if (_lastStepOnCpu) _gradNormOnCpu = StepOnCpu(maxGradNorm, stepSize, epsilonHat);
        else StepWithTensorOps(maxGradNorm, stepSize, epsilonHat);
    }

    private double StepOnCpu(double maxGradNorm, double stepSize, double epsilonHat)
    {
        // A parameter with its own gradient: its slice of the flat gradient buffer stays zero, and stands in for a
        // gradient autograd never produced (the parameter took no part in the loss).
        var gradients = new Tensor?[_parameters.Length];
        try
        {
            var flatGradient = Floats(_flatGrad);
            double squaredNorm = FusedAdamKernel.SquaredNorm(flatGradient);
            for (int i = 0; i < _parameters.Length; i++)
            {
                if (!_ownGradient[i] || _parameters[i].grad is not { } grad) continue;
                if (!grad.is_contiguous())
                {
                    var contiguous = grad.contiguous();
                    grad.Dispose();
                    grad = contiguous;
                }
                gradients[i] = grad;
                squaredNorm += FusedAdamKernel.SquaredNorm(Floats(grad));
            }
            double gradNorm = Math.Sqrt(squaredNorm);
            // Checked before the update, so a diverged step leaves the parameters as they were.
            if (!double.IsFinite(gradNorm))
                throw new Training.TrainingDivergedException($"the gradient norm is {gradNorm} at optimizer step {_step}");
            double scale = double.IsFinite(maxGradNorm) && gradNorm > maxGradNorm ? maxGradNorm / (gradNorm + 1e-6) : 1.0;

            // Runs of parameters whose gradients are views of the flat buffer go in one pass; the others one by one.
            int runStart = 0;
            for (int i = 0; i < _parameters.Length; i++)
            {
                if (!_ownGradient[i]) continue;
                int offset = (int)_offsets[i], length = (int)_parameters[i].numel();
                if (offset > runStart) Update(runStart, offset - runStart, Floats(_flatGrad).Slice(runStart, offset - runStart), scale, stepSize, epsilonHat);
                Update(offset, length, gradients[i] is { } own ? Floats(own) : Floats(_flatGrad).Slice(offset, length), scale, stepSize, epsilonHat);
                _parameters[i].grad = null;
                runStart = offset + length;
            }
            int total = (int)_flat.numel();
            if (total > runStart) Update(runStart, total - runStart, Floats(_flatGrad).Slice(runStart, total - runStart), scale, stepSize, epsilonHat);
            return gradNorm;
        }
        finally
        {
            foreach (var gradient in gradients) gradient?.Dispose();
        }
    }

    private void Update(int offset, int length, Span<float> gradient, double scale, double stepSize, double epsilonHat) =>
        FusedAdamKernel.Step(Floats(_flat).Slice(offset, length), gradient, Floats(_exp_avg).Slice(offset, length), Floats(_exp_avg_sq).Slice(offset, length),
            (float)scale, (float)_beta1, (float)_beta2, (float)stepSize, (float)epsilonHat);

    private void StepWithTensorOps(double maxGradNorm, double stepSize, double epsilonHat)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var gradNorm = _flatGrad.norm();
        _gradNormOnDevice.copy_(gradNorm);
        // clip_grad_norm_'s own form, g *= min(1, max / (norm + 1e-6)), as a tensor: deciding on the host would read
        // the norm back, a wait for the device every step.
        if (double.IsFinite(maxGradNorm)) _flatGrad.mul_(gradNorm.add_(1e-6).reciprocal_().mul_(maxGradNorm).clamp_max_(1.0));
        _exp_avg.lerp_(_flatGrad, 1 - _beta1);
        _exp_avg_sq.mul_(_beta2).addcmul_(_flatGrad, _flatGrad, value: 1 - _beta2);
        var denom = _exp_avg_sq.sqrt().add_(epsilonHat);
        _flat.addcdiv_(_exp_avg, denom, value: -stepSize);
        _flatGrad.zero_();
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
        _gradNormOnDevice.Dispose();
    }
}
