using System.Runtime.InteropServices;
using HyperRL.Agents.Config;
using HyperRL.Agents.OffPolicy;
using HyperRL.Agents.Optimization;
using HyperRL.Agents.Training;
using HyperRL.HyperPolicy;
using HyperRL.HyperPolicy.Fused;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Algorithms.Dqn;

/// <summary>
/// One DQN gradient computation on the fused C# path (the scalar loss of <see cref="Dqn"/>): Q_target(s', .) from a
/// flat copy of the target network's parameters, a* by Q (Double DQN) or Q_target, y = R + gamma^m (1 - terminated)
/// Q_target(s', a*), the Huber loss on Q(s, a) - y (importance-weighted with prioritized replay), and its gradient
/// written into the optimizer's flat gradient buffer (the optimizer's step follows). No tensors are made.
/// </summary>
internal sealed class FusedDqnMinibatch
{
    private readonly FusedQNetwork _online;
    private readonly FusedQNetwork _target;
    private readonly FlatAdam _optimizer;
    private readonly (Tensor Parameter, int Offset)[] _targetParameters; // the target module's, at the online layout's offsets
    private readonly float[] _targetValues;
    private readonly float[] _q, _nextQ, _nextOnlineQ, _qGradient;

    private FusedDqnMinibatch(FusedQNetwork online, FusedQNetwork target, FlatAdam optimizer, QNetwork onlineModule, QNetwork targetModule, int batchSize)
    {
        _online = online;
        _target = target;
        _optimizer = optimizer;
        _targetParameters = onlineModule.parameters().Zip(targetModule.parameters())
            .Where(pair => optimizer.OffsetOf(pair.First) is not null)
            .Select(pair => ((Tensor)pair.Second, (int)optimizer.OffsetOf(pair.First)!.Value)).ToArray();
        _targetValues = new float[optimizer.ParameterCount];
        int values = batchSize * online.ActionCount;
        (_q, _nextQ, _nextOnlineQ, _qGradient) = (new float[values], new float[values], new float[values], new float[values]);
        RefreshTarget();
    }

    /// <summary>The fused step when <paramref name="backend"/> is fused, or null where the torch path runs: backend
    /// torch, and for now auto too (one `bench train --algo dqn` process failed with an empty tensor handle after several
    /// full runs; single runs did not, and the cause is not found yet). Backend fused off the CPU or with a network the
    /// fused path does not cover throws <see cref="ConfigException"/> (the config check rejects it earlier:
    /// <see cref="Unsupported"/>).</summary>
    public static FusedDqnMinibatch? Create(string backend, QNetwork online, QNetwork target, FlatAdam optimizer, Device device, int batchSize)
    {
        if (backend != TrainingBackends.Fused) return null;
        if (device.type != DeviceType.CPU)
        {
            if (backend == TrainingBackends.Fused) throw new ConfigException($"backend 'fused' runs on the cpu, not on {device.type}");
            return null;
        }
        var onlineNetwork = FusedQNetwork.TryCreate(online, optimizer.OffsetOf, batchSize, out var reason);
        var targetNetwork = onlineNetwork is null ? null : FusedQNetwork.TryCreate(online, optimizer.OffsetOf, batchSize, out reason);
        if (onlineNetwork is null || targetNetwork is null)
        {
            if (backend == TrainingBackends.Fused) throw new ConfigException(UnsupportedMessage(reason));
            return null;
        }
        return new FusedDqnMinibatch(onlineNetwork, targetNetwork, optimizer, online, target, batchSize);
    }

    /// <summary>Why backend fused cannot train a Q network of <paramref name="spec"/>; null when it can.</summary>
    public static string? Unsupported(PolicySpec spec, PolicyShapes shapes, QNetworkOptions options)
    {
        QNetwork network;
        try
        {
            network = QNetwork.Create(spec, shapes, options);
        }
        catch (Exception e) when (e is PolicySpecException or ArgumentException)
        {
            return null; // the policy's own check reports it
        }
        using var owned = network;
        var offsets = new Dictionary<IntPtr, long>();
        long offset = 0;
        foreach (var parameter in network.parameters())
        {
            offsets[parameter.Handle] = offset;
            offset += parameter.numel();
        }
        return FusedQNetwork.TryCreate(network, p => offsets.TryGetValue(p.Handle, out var o) ? o : null, 1, out var reason) is null
            ? UnsupportedMessage(reason)
            : null;
    }

    private static string UnsupportedMessage(string reason) => $"backend 'fused' does not cover {reason}; use backend auto or torch";

    /// <summary>Copies the target module's parameters into the flat copy the target forward reads: after every target
    /// update and load.</summary>
    public void RefreshTarget()
    {
        foreach (var (parameter, offset) in _targetParameters)
        {
            var values = MemoryMarshal.Cast<byte, float>(parameter.bytes);
            values.CopyTo(_targetValues.AsSpan(offset, values.Length));
        }
    }

    /// <summary>Computes the minibatch's loss, writes |y - Q(s, a)| into <see cref="ReplayBatch.TdErrors"/> and adds
    /// the loss's gradient into the optimizer's gradient buffer; returns the loss and the mean of Q(s, a).</summary>
    public (double Loss, double MeanQ) Step(ReplayBatch batch, bool doubleDqn, bool weighted)
    {
        int b = batch.Size, n = _online.ActionCount;
        var parameters = _optimizer.ParameterValues;
        _target.Forward(_targetValues, batch.NextObservations, batch.Descriptors, b, _nextQ);
        if (doubleDqn) _online.Forward(parameters, batch.NextObservations, batch.Descriptors, b, _nextOnlineQ);
        var selector = doubleDqn ? _nextOnlineQ : _nextQ;
        _online.Forward(parameters, batch.Observations, batch.Descriptors, b, _q);

        Array.Clear(_qGradient);
        double loss = 0, sumQ = 0;
        for (int i = 0; i < b; i++)
        {
            int next = ArgMax(selector.AsSpan(i * n, n));
            float y = batch.Rewards[i] + batch.Discounts[i] * _nextQ[i * n + next] * (1 - batch.Terminated[i]);
            int action = (int)batch.DiscreteActions[i];
            float q = _q[i * n + action];
            float delta = q - y;
            float absolute = MathF.Abs(delta);
            float w = weighted ? batch.Weights[i] : 1f;
            // smooth_l1 (beta 1): 0.5 delta^2 below 1, |delta| - 0.5 above; its derivative clamps delta to [-1, 1].
            loss += w * (absolute < 1 ? 0.5 * delta * delta : absolute - 0.5);
            _qGradient[i * n + action] = w * Math.Clamp(delta, -1f, 1f) / b;
            batch.TdErrors[i] = absolute;
            sumQ += q;
        }
        _online.Backward(parameters, _qGradient, _optimizer.GradientValues);
        return (loss / b, sumQ / b);
    }

    /// <summary>The first index of the largest value (torch's argmax on ties).</summary>
    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
            if (values[k] > values[best]) best = k;
        return best;
    }
}
