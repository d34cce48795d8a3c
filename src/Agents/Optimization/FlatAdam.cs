using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Optimization;

/// <summary>
/// Adam (Kingma and Ba 2015, with PyTorch's bias correction and epsilon placement) fused with global gradient-norm
/// clipping, run on ONE flat buffer holding every parameter's gradient. Small RL networks have many small parameter
/// tensors, and with TorchSharp each tensor op costs microseconds of overhead: the per-parameter loops of
/// <c>clip_grad_norm_</c> and <c>optim.Adam</c> cost more than the arithmetic. Here a step is one gather, a dozen
/// ops on the flat buffer and one scatter, whatever the number of tensors. The numbers match
/// <c>clip_grad_norm_</c> followed by <c>optim.Adam</c> (tested).
/// </summary>
public sealed class FlatAdam : IDisposable
{
    private readonly Tensor[] _parameters;
    private readonly long[] _offsets;
    private readonly long[] _sizes;
    private readonly Tensor _exp_avg;
    private readonly Tensor _exp_avg_sq;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _eps;
    private long _step;

    public FlatAdam(IEnumerable<Tensor> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        _parameters = parameters.Where(p => p.requires_grad).ToArray();
        if (_parameters.Length == 0) throw new ArgumentException("FlatAdam needs at least one trainable parameter.");
        _sizes = _parameters.Select(p => p.numel()).ToArray();
        _offsets = new long[_parameters.Length];
        for (int i = 1; i < _offsets.Length; i++) _offsets[i] = _offsets[i - 1] + _sizes[i - 1];
        long total = _offsets[^1] + _sizes[^1];
        var device = _parameters[0].device;
        _exp_avg = zeros(total, device: device);
        _exp_avg_sq = zeros(total, device: device);
        LearningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _eps = eps;
    }

    public double LearningRate { get; set; }
    public long StepCount => _step;
    public long ParameterCount => _exp_avg.numel();

    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.grad?.zero_();
    }

    /// <summary>Clips the global gradient norm to <paramref name="maxGradNorm"/> (infinity disables) and takes one
    /// Adam step. Returns the gradient norm before clipping.</summary>
    public double Step(double maxGradNorm)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var grads = new Tensor[_parameters.Length];
        for (int i = 0; i < grads.Length; i++)
            grads[i] = _parameters[i].grad is { } g ? g.reshape(-1) : zeros(_sizes[i], device: _parameters[i].device);
        var grad = cat(grads, 0);

        var norm = grad.norm();
        double gradNorm = norm.item<float>();
        if (double.IsFinite(maxGradNorm) && gradNorm > maxGradNorm) grad.mul_(maxGradNorm / (gradNorm + 1e-6));

        _step++;
        _exp_avg.mul_(_beta1).add_(grad, alpha: 1 - _beta1);
        _exp_avg_sq.mul_(_beta2).addcmul_(grad, grad, value: 1 - _beta2);
        double biasCorrection1 = 1 - Math.Pow(_beta1, _step);
        double biasCorrection2 = 1 - Math.Pow(_beta2, _step);
        var denom = (_exp_avg_sq.sqrt() / Math.Sqrt(biasCorrection2)).add_(_eps);
        var update = (_exp_avg / denom).mul_(LearningRate / biasCorrection1);
        for (int i = 0; i < _parameters.Length; i++)
            _parameters[i].sub_(update.narrow(0, _offsets[i], _sizes[i]).view(_parameters[i].shape));
        return gradNorm;
    }

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

    public void Dispose()
    {
        _exp_avg.Dispose();
        _exp_avg_sq.Dispose();
    }
}
