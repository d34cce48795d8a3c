using System.Diagnostics;
using HyperRL.Agents.Distributed;
using HyperRL.Agents.Environments;
using HyperRL.Agents.Optimization;
using HyperRL.Agents.Training;
using HyperRL.Envs.Util;
using HyperRL.Envs.Vector;
using HyperRL.Envs.Vector.Wrappers;
using HyperRL.HyperPolicy;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Algorithms.Ppo;

/// <summary>
/// Proximal Policy Optimization (Schulman et al. 2017) in the shape of CleanRL's ppo.py, with the policy and value
/// networks conditioned on each env's descriptor (hypernetwork, FiLM, concatenation or none, by the policy spec).
///
/// One iteration: collect NumSteps x NumEnvs transitions with the current policy pi_theta_old; bootstrap truncated
/// episodes with gamma * V(final observation); compute GAE(lambda) advantages A and returns R = A + V; then for
/// UpdateEpochs epochs, over shuffled minibatches, minimize
///     L = -min(r A, clip(r, 1-eps, 1+eps) A) + c_v * L_V - c_e * H[pi_theta],   r = pi_theta(a|s) / pi_theta_old(a|s),
/// with global gradient-norm clipping, linear learning-rate annealing and an optional target-KL early stop.
/// Observations and rewards arrive normalized from the env pipeline when the config asks for it.
/// </summary>
public sealed class Ppo : IAlgorithm
{
    private readonly PpoConfig _c;
    private readonly EnvPipeline _pipeline;
    private readonly IVectorEnv _envs;
    private readonly ActorCritic _agent;
    private readonly Device _device;
    private readonly FlatAdam _optimizer;
    private readonly RolloutBuffer _buffer;
    private readonly RolloutActors _actors;
    private readonly RolloutCollector _collector;
    private readonly RemoteWorkerPool? _workers;
    private readonly RemoteRollouts? _remote; // rollouts from remote workers instead of the local envs
    private readonly FusedPpoMinibatch? _fused; // the fused C# gradient step, where the backend takes it
    private readonly RngRandom _sampling;
    private readonly float[] _lastValues;
    private readonly Stopwatch _clock = new();
    private readonly Stopwatch _iterationClock = new();
    private readonly long _totalStepsPlanned;

    private const string StateFile = "ppo.bin";

    private static readonly string[] LossNames = ["policy_loss", "value_loss", "entropy", "approx_kl", "clip_fraction"];

    public Ppo(AlgorithmContext context, PpoConfig config)
    {
        _c = config;
        _pipeline = context.Envs;
        _envs = _pipeline.Envs;
        _device = context.Device;
        _agent = ActorCritic.Create(context.Config.Policy, context.Shapes);
        if (_device.type != DeviceType.CPU) _agent.to(_device);
        _totalStepsPlanned = context.Config.TotalSteps;
        var envs = _envs;
        _optimizer = new FlatAdam(_agent.parameters(), config.LearningRate, eps: config.AdamEpsilon);
        _buffer = new RolloutBuffer(config.NumSteps, envs.NumEnvs, envs.ObservationSize, envs.DescriptorSize, envs.ActionSize, envs.IsDiscrete);
        _fused = FusedPpoMinibatch.Create(context.Config.Backend, _agent, _optimizer, _device, Math.Min(config.MinibatchSize, _buffer.Size), _buffer);
        // Rollouts act through C# copies of the weights (one per descriptor, and per sampled architecture with an
        // architecture space; refreshed every iteration) and sample with their own seeded generators.
        _actors = new RolloutActors(_agent, envs.NumEnvs, config.ResolveMetaBatch(envs.NumEnvs), Rng.Derive((ulong)context.Config.Seed, 0x415243));
        _sampling = new RngRandom(Rng.Derive((ulong)context.Config.Seed, 0x50504F));
        _lastValues = new float[envs.NumEnvs];
        _collector = new RolloutCollector(_pipeline, _actors, _sampling, config.Gamma);
        _workers = context.Workers;
        if (_workers is not null) _remote = new RemoteRollouts(_workers, _agent, _pipeline);
    }

    public long GlobalStep { get; private set; }
    public int Updates { get; private set; }
    public PolicyModel Policy => _agent;

    /// <summary>The backend the gradient steps take (<see cref="TrainingBackends.Fused"/> or <see cref="TrainingBackends.Torch"/>).</summary>
    public string Backend => _fused is null ? TrainingBackends.Torch : TrainingBackends.Fused;

    public void Learn(long totalSteps, ITrainingObserver observer, CancellationToken cancellation)
    {
        int batchSize = _buffer.Size;
        int numIterations = (int)Math.Max(1, _totalStepsPlanned / batchSize);
        _clock.Start();
        while (GlobalStep < totalSteps && !cancellation.IsCancellationRequested)
        {
            double progress = Math.Min(1.0, (double)Updates / numIterations);
            double learningRate = _c.AnnealLearningRate ? (1.0 - progress) * _c.LearningRate : _c.LearningRate;
            _optimizer.LearningRate = learningRate;
            double clipCoef = _c.AnnealClipCoef ? (1.0 - progress) * _c.ClipCoef : _c.ClipCoef;

            long stepsBefore = GlobalStep;
            var traffic = _workers?.Traffic;
            CollectRollout(observer, cancellation);
            double rolloutSeconds = _iterationClock.Elapsed.TotalSeconds;
            var stats = UpdatePolicy(clipCoef);
            Updates++;

            double seconds = _clock.Elapsed.TotalSeconds;
            var metrics = new UpdateMetrics(GlobalStep, Updates, seconds, new List<KeyValuePair<string, double>>
            {
                new("learning_rate", learningRate),
                new("policy_loss", stats.PolicyLoss),
                new("value_loss", stats.ValueLoss),
                new("entropy", stats.Entropy),
                new("approx_kl", stats.ApproxKl),
                new("clip_fraction", stats.ClipFraction),
                new("explained_variance", stats.ExplainedVariance),
                new("epochs", stats.Epochs),
                new("steps_per_second", (GlobalStep - stepsBefore) / Math.Max(1e-9, stats.IterationSeconds)),
                new("rollout_seconds", rolloutSeconds),
                new("update_seconds", stats.IterationSeconds - rolloutSeconds),
            });
            if (_workers is not null) metrics = metrics with { Values = [.. metrics.Values, .. _workers.Metrics(traffic!)] };
            observer.OnUpdate(metrics);
        }
        _clock.Stop();
    }

    private void CollectRollout(ITrainingObserver observer, CancellationToken cancellation)
    {
        int n = _envs.NumEnvs;
        long stepsBefore = GlobalStep;
        _iterationClock.Restart();
        void OnEpisode(int steps, EpisodeRecord episode) => observer.OnEpisode(stepsBefore + steps, episode);
        var segments = _remote?.Collect(_buffer, OnEpisode, cancellation) ?? [CollectLocally(OnEpisode)];
        // Each segment is bootstrapped with V(s_T) of the envs that collected it (remote workers: their own).
        foreach (var segment in segments)
        {
            int row = segment.FirstStep * n, rows = segment.Steps * n;
            Gae.Compute(_buffer.Rewards.AsSpan(row, rows), _buffer.Values.AsSpan(row, rows), _buffer.Dones.AsSpan(row, rows), segment.LastValues,
                segment.Steps, n, _c.Gamma, _c.GaeLambda, _buffer.Advantages.AsSpan(row, rows), _buffer.Returns.AsSpan(row, rows));
        }
        GlobalStep += _buffer.Size;
    }

    private RolloutSegment CollectLocally(Action<int, EpisodeRecord> onEpisode)
    {
        _actors.Refresh(); // the parameters changed in the last update (or were loaded)
        _collector.Collect(_buffer, 0, _c.NumSteps, _lastValues, onEpisode);
        return new RolloutSegment(0, _c.NumSteps, _lastValues);
    }

    private sealed record UpdateStats(double PolicyLoss, double ValueLoss, double Entropy, double ApproxKl, double ClipFraction,
        double ExplainedVariance, int Epochs, double IterationSeconds);

    private UpdateStats UpdatePolicy(double clipCoef)
    {
        if (_fused is not null) return UpdatePolicyFused(_fused, clipCoef);
        using var scope = NewDisposeScope();
        int size = _buffer.Size;
        var b = _buffer;
        var bObs = TensorBatch.FromRows(b.Observations, size, b.ObservationSize, _device);
        var bDesc = TensorBatch.Descriptors(b.Descriptors, size, b.DescriptorSize, _device);
        var bActions = _envs.IsDiscrete
            ? TensorBatch.FromVector(b.DiscreteActions, _device)
            : TensorBatch.FromRows(b.ContinuousActions, size, b.ActionSize, _device);
        var bLogProbs = TensorBatch.FromVector(b.LogProbs, _device);
        var bAdvantages = TensorBatch.FromVector(b.Advantages, _device);
        var bReturns = TensorBatch.FromVector(b.Returns, _device);
        var bValues = TensorBatch.FromVector(b.Values, _device);

        double policyLoss = 0, valueLoss = 0, entropy = 0, approxKl = 0;
        var clipFractions = new List<double>();
        int epochsRun = 0;
        int minibatch = Math.Min(_c.MinibatchSize, size);
        for (int epoch = 0; epoch < _c.UpdateEpochs; epoch++)
        {
            epochsRun++;
            using var epochScope = NewDisposeScope();
            // One minibatch holding the whole rollout: shuffling changes nothing, so skip the gathers.
            var permutation = minibatch == size ? null : randperm(size, device: _device);
            // With an architecture space each row is evaluated by the architecture its env acted with.
            var rowOrder = permutation is not null && _agent.Architectures is not null ? RowOrder(permutation) : null;
            for (int start = 0; start + minibatch <= size; start += minibatch)
            {
                using var minibatchScope = NewDisposeScope();
                var mb = permutation?.narrow(0, start, minibatch);
                Tensor Rows(Tensor batch) => mb is null ? batch : batch.index_select(0, mb);
                var architectures = _actors.ArchitecturesOfRows(rowOrder?[start..(start + minibatch)], minibatch);
                var evaluation = _agent.Evaluate(Rows(bObs), bDesc.dim() == 1 ? bDesc : Rows(bDesc), Rows(bActions), architectures);
                var terms = PpoLoss.Compute(evaluation.LogProb, Rows(bLogProbs), Rows(bAdvantages),
                    evaluation.Entropy, evaluation.Value, Rows(bValues), Rows(bReturns),
                    clipCoef, _c.ClipValueLoss, _c.EntCoef, _c.VfCoef, _c.NormalizeAdvantages);

                _optimizer.ZeroGrad();
                terms.Loss.backward();
                _optimizer.Step(_c.MaxGradNorm);

                // One transfer for the five logged scalars instead of five.
                float[] diagnostics;
                using (no_grad())
                    diagnostics = HostFloats.Diagnostics(stack([terms.PolicyLoss, terms.ValueLoss, terms.Entropy, terms.ApproxKl, terms.ClipFraction]),
                        LossNames, GlobalStep);
                policyLoss = diagnostics[0];
                valueLoss = diagnostics[1];
                entropy = diagnostics[2];
                approxKl = diagnostics[3];
                clipFractions.Add(diagnostics[4]);
            }
            if (_c.TargetKl is double targetKl && approxKl > targetKl) break;
        }

        double explainedVariance = ExplainedVariance(b.Values, b.Returns);
        return new UpdateStats(policyLoss, valueLoss, entropy, approxKl, clipFractions.Count > 0 ? clipFractions.Average() : 0,
            explainedVariance, epochsRun, _iterationClock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The same epochs, minibatches (torch's generator draws the same permutations) and loss as the torch path, with
    /// each gradient step computed by the fused C# path straight into the optimizer's gradient buffer.
    /// </summary>
    private UpdateStats UpdatePolicyFused(FusedPpoMinibatch fused, double clipCoef)
    {
        int size = _buffer.Size;
        int minibatch = Math.Min(_c.MinibatchSize, size);
        PpoLossValues last = default;
        var clipFractions = new List<double>();
        int epochsRun = 0;
        for (int epoch = 0; epoch < _c.UpdateEpochs; epoch++)
        {
            epochsRun++;
            long[]? permutation = null;
            if (minibatch != size)
                using (var scope = NewDisposeScope())
                    permutation = RowOrder(randperm(size, device: _device));
            for (int start = 0; start + minibatch <= size; start += minibatch)
            {
                last = fused.Step(permutation.AsSpan(start, permutation is null ? 0 : minibatch), start, minibatch, _c, clipCoef);
                _optimizer.Step(_c.MaxGradNorm);
                HostFloats.RequireFinite([last.PolicyLoss, last.ValueLoss, last.Entropy, last.ApproxKl, last.ClipFraction], LossNames, GlobalStep);
                clipFractions.Add(last.ClipFraction);
            }
            if (_c.TargetKl is double targetKl && last.ApproxKl > targetKl) break;
        }
        return new UpdateStats(last.PolicyLoss, last.ValueLoss, last.Entropy, last.ApproxKl, clipFractions.Count > 0 ? clipFractions.Average() : 0,
            ExplainedVariance(_buffer.Values, _buffer.Returns), epochsRun, _iterationClock.Elapsed.TotalSeconds);
    }

    /// <summary>A minibatch permutation's values on the host (one transfer per epoch).</summary>
    private static long[] RowOrder(Tensor permutation)
    {
        using var host = permutation.cpu();
        return host.data<long>().ToArray();
    }

    /// <summary>1 - Var[R - V] / Var[R]: how much of the return's variance the value function explains.</summary>
    public static double ExplainedVariance(ReadOnlySpan<float> predicted, ReadOnlySpan<float> target)
    {
        double meanTarget = 0, meanDiff = 0;
        for (int k = 0; k < target.Length; k++)
        {
            meanTarget += target[k];
            meanDiff += target[k] - predicted[k];
        }
        meanTarget /= target.Length;
        meanDiff /= target.Length;
        double varTarget = 0, varDiff = 0;
        for (int k = 0; k < target.Length; k++)
        {
            varTarget += (target[k] - meanTarget) * (target[k] - meanTarget);
            double d = target[k] - predicted[k] - meanDiff;
            varDiff += d * d;
        }
        return varTarget == 0 ? double.NaN : 1 - varDiff / varTarget;
    }

    /// <summary>Checkpoints come at update boundaries (after <see cref="ITrainingObserver.OnUpdate"/>), where the next
    /// rollout starts from the envs' current observations: besides networks and optimizer only the action sampler's
    /// generator carries over (minibatch permutations draw from torch's generator, which the trainer saves).</summary>
    public void SaveState(string directory)
    {
        _agent.save(Path.Combine(directory, "network.bin"));
        _optimizer.Save(Path.Combine(directory, "optimizer.bin"));
        CheckpointBinary.Write(Path.Combine(directory, StateFile), writer =>
        {
            _sampling.Source.Save(writer);
            _actors.ArchitectureSampling?.Source.Save(writer);
        });
    }

    public void LoadState(string directory, long globalStep, int updates, bool exact)
    {
        CheckpointFile.Load(directory, "network.bin", path => _agent.load(path));
        CheckpointFile.Load(directory, "optimizer.bin", _optimizer.Load);
        if (exact)
            CheckpointBinary.Read(directory, StateFile, reader =>
            {
                _sampling.Source.Load(reader);
                _actors.ArchitectureSampling?.Source.Load(reader);
            });
        GlobalStep = globalStep;
        Updates = updates;
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _agent.Dispose();
    }
}
