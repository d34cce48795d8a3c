using HyperRL.Agents.Config;
using HyperRL.Agents.Optimization;
using HyperRL.Agents.Training;
using HyperRL.HyperPolicy;
using HyperRL.HyperPolicy.Fused;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Algorithms.Ppo;

/// <summary>
/// One PPO gradient computation on the fused C# path: the minibatch's rows gathered from the rollout buffer, log-probs,
/// entropies and values from <see cref="FusedActorCritic"/>, <see cref="PpoLossGradient"/>, and the backward pass
/// written into the optimizer's flat gradient buffer (the optimizer's step follows). No tensors are made.
/// </summary>
internal sealed class FusedPpoMinibatch
{
    private readonly FusedActorCritic _network;
    private readonly FlatAdam _optimizer;
    private readonly RolloutBuffer _buffer;
    private readonly float[] _observations, _descriptors, _actions, _oldLogProbs, _advantages, _returns, _oldValues;
    private readonly float[] _logProbs, _entropies, _values, _logProbGradient, _entropyGradient, _valueGradient;

    private FusedPpoMinibatch(FusedActorCritic network, FlatAdam optimizer, RolloutBuffer buffer, int minibatch)
    {
        _network = network;
        _optimizer = optimizer;
        _buffer = buffer;
        _observations = new float[minibatch * buffer.ObservationSize];
        _descriptors = new float[minibatch * buffer.DescriptorSize];
        _actions = new float[minibatch * network.ActionWidth];
        float[] PerRow() => new float[minibatch];
        (_oldLogProbs, _advantages, _returns, _oldValues) = (PerRow(), PerRow(), PerRow(), PerRow());
        (_logProbs, _entropies, _values) = (PerRow(), PerRow(), PerRow());
        (_logProbGradient, _entropyGradient, _valueGradient) = (PerRow(), PerRow(), PerRow());
    }

    /// <summary>The fused step for <paramref name="backend"/>, or null where the torch path runs: backend torch, or
    /// auto off the CPU or with a policy the fused path does not cover. Backend fused on such a config throws
    /// <see cref="ConfigException"/> (the config check rejects it earlier: <see cref="Unsupported"/>).</summary>
    public static FusedPpoMinibatch? Create(string backend, ActorCritic agent, FlatAdam optimizer, Device device, int minibatch, RolloutBuffer buffer)
    {
        if (backend == TrainingBackends.Torch) return null;
        if (device.type != DeviceType.CPU)
        {
            if (backend == TrainingBackends.Fused) throw new ConfigException($"backend 'fused' runs on the cpu, not on {device.type}");
            return null;
        }
        var network = FusedActorCritic.TryCreate(agent, optimizer.OffsetOf, minibatch, out var reason);
        if (network is null)
        {
            if (backend == TrainingBackends.Fused) throw new ConfigException(UnsupportedMessage(reason));
            return null;
        }
        return new FusedPpoMinibatch(network, optimizer, buffer, minibatch);
    }

    /// <summary>Why backend fused cannot train <paramref name="spec"/> on <paramref name="shapes"/>; null when it can.</summary>
    public static string? Unsupported(PolicySpec spec, PolicyShapes shapes)
    {
        ActorCritic agent;
        try
        {
            agent = ActorCritic.Create(spec, shapes);
        }
        catch (PolicySpecException)
        {
            return null; // the policy's own check reports it
        }
        using var owned = agent;
        var offsets = new Dictionary<IntPtr, long>();
        long offset = 0;
        foreach (var parameter in agent.parameters())
        {
            offsets[parameter.Handle] = offset;
            offset += parameter.numel();
        }
        return FusedActorCritic.TryCreate(agent, p => offsets.TryGetValue(p.Handle, out var o) ? o : null, 1, out var reason) is null
            ? UnsupportedMessage(reason)
            : null;
    }

    private static string UnsupportedMessage(string reason) => $"backend 'fused' does not cover {reason}; use backend auto or torch";

    /// <summary>Computes the minibatch's loss terms and adds its gradient into the optimizer's gradient buffer.</summary>
    /// <param name="rows">The minibatch's rollout rows; empty: rows start .. start + count in order.</param>
    public PpoLossValues Step(ReadOnlySpan<long> rows, int start, int count, PpoConfig c, double clipCoef)
    {
        Gather(rows, start, count);
        var parameters = _optimizer.ParameterValues;
        _network.Forward(parameters, _observations, _descriptors, _actions, count, _logProbs, _entropies, _values);
        var terms = PpoLossGradient.Compute(_logProbs.AsSpan(0, count), _oldLogProbs.AsSpan(0, count), _advantages.AsSpan(0, count),
            _entropies.AsSpan(0, count), _values.AsSpan(0, count), _oldValues.AsSpan(0, count), _returns.AsSpan(0, count),
            clipCoef, c.ClipValueLoss, c.EntCoef, c.VfCoef, c.NormalizeAdvantages, _logProbGradient, _entropyGradient, _valueGradient);
        _network.Backward(parameters, _logProbGradient, _entropyGradient, _valueGradient, _optimizer.GradientValues);
        return terms;
    }

    private void Gather(ReadOnlySpan<long> rows, int start, int count)
    {
        var b = _buffer;
        int obsSize = b.ObservationSize, descSize = b.DescriptorSize, width = _network.ActionWidth;
        bool discrete = b.DiscreteActions.Length > 0;
        for (int i = 0; i < count; i++)
        {
            int row = rows.IsEmpty ? start + i : (int)rows[i];
            b.Observations.AsSpan(row * obsSize, obsSize).CopyTo(_observations.AsSpan(i * obsSize));
            b.Descriptors.AsSpan(row * descSize, descSize).CopyTo(_descriptors.AsSpan(i * descSize));
            if (discrete) _actions[i] = b.DiscreteActions[row];
            else b.ContinuousActions.AsSpan(row * width, width).CopyTo(_actions.AsSpan(i * width));
            _oldLogProbs[i] = b.LogProbs[row];
            _advantages[i] = b.Advantages[row];
            _returns[i] = b.Returns[row];
            _oldValues[i] = b.Values[row];
        }
    }
}
