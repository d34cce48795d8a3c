using HyperRL.Agents.OffPolicy;
using HyperRL.Agents.Optimization;
using HyperRL.Agents.Schedules;
using HyperRL.Agents.Training;
using HyperRL.HyperPolicy;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Algorithms.Dqn;

/// <summary>
/// Deep Q-Network (Mnih et al. 2015) in the shape of CleanRL's dqn.py, with Double DQN (van Hasselt et al. 2016)
/// and dueling heads (Wang et al. 2016) as options, and Q conditioned on each env's descriptor.
///
/// Act epsilon-greedily with Q_theta; store (s, a, R, s', terminated, gamma^m, descriptor) in the replay buffer; every
/// TrainFrequency env steps take GradientSteps steps on the Huber loss between Q_theta(s, a) and
///     y = R + gamma^m * (1 - terminated) * Q_target(s', argmax_a' Q(s', a'))
/// where the argmax uses Q_theta (Double DQN) or Q_target (plain DQN); update theta_target &lt;- tau theta + (1 - tau)
/// theta_target every TargetUpdateInterval env steps. R is the reward r and m = 1, or with n-step returns (Rainbow,
/// Hessel et al. 2018) R = sum_{k &lt; m} gamma^k r_{t+k} over m &lt;= n steps. With prioritized replay (Schaul et al.
/// 2016) the loss is mean_i(w_i * loss_i) with importance weights w_i, and each sample's |delta_i| (the scalar TD error,
/// or the distributional loss, as Rainbow does) becomes its priority.
///
/// dqn.distributional replaces the scalar Q by a return distribution per action (the online and target networks
/// emit K values per action; a* is still the argmax of the mean): "qr" fits N quantiles with the quantile Huber loss
/// (QR-DQN, Dabney et al. 2018), "c51" a categorical distribution on a fixed support by cross-entropy against the
/// projected target (Bellemare et al. 2017). Both losses are per sample, reduced here. dqn.noisy makes the layers
/// noisy (Fortunato et al. 2018): noise is resampled for both networks at every gradient step, actions are greedy on the
/// noisy Q network (epsilon 0), evaluation uses mu.
/// </summary>
public sealed class Dqn : OffPolicyAlgorithm
{
    private static readonly string[] Diagnostics = ["td_loss", "q_values"];

    private readonly DqnConfig _c;
    private readonly QNetworkOptions _options;
    private readonly QNetwork _qNetwork;
    private readonly QNetwork _targetNetwork;
    private readonly FlatAdam _optimizer;
    private readonly FusedDqnMinibatch? _fused; // the fused C# gradient step, where the backend takes it
    private readonly LinearSchedule _epsilon;
    private readonly int _actionCount;
    private readonly int[] _greedy;
    private readonly float[]? _noiseDraw; // one draw of eps for a noisy network, reused
    private readonly QNetworkInference _inference;
    private int _updatesAtInferenceRefresh = -1;
    private int _updatesAtTargetCopy = -1;

    public Dqn(AlgorithmContext context, DqnConfig config) : base(context, config, generatorStream: 0xD0D0)
    {
        _c = config;
        _options = config.NetworkOptions();
        _qNetwork = QNetwork.Create(context.Config.Policy, context.Shapes, _options);
        _targetNetwork = QNetwork.Create(context.Config.Policy, context.Shapes, _options);
        if (Device.type != DeviceType.CPU)
        {
            _qNetwork.to(Device);
            _targetNetwork.to(Device);
        }
        _targetNetwork.CopyFrom(_qNetwork);
        _optimizer = new FlatAdam(_qNetwork.parameters(), config.LearningRate);
        _fused = FusedDqnMinibatch.Create(context.Config.Backend, _qNetwork, _targetNetwork, _optimizer, Device, config.BatchSize);
        _epsilon = new LinearSchedule(config.StartEpsilon, config.EndEpsilon, config.ExplorationFraction);
        _actionCount = context.Shapes.ActionSize;
        _greedy = new int[Pipeline.Envs.NumEnvs];
        if (_options.Noisy)
        {
            // Noisy nets explore through the weights: epsilon is fixed at 0 (the "epsilon" metric logs it).
            _noiseDraw = new float[_qNetwork.NoiseSize];
            ResampleNoise();
        }
        // Action selection reads C# copies of the Q network's weights, refreshed after each burst of gradient steps;
        // with noisy nets the copy holds the online network's noise of the last gradient step of that burst.
        _inference = new QNetworkInference(_qNetwork, withNoise: true);
    }

    public override PolicyModel Policy => _qNetwork;

    /// <summary>The backend the gradient steps take (<see cref="TrainingBackends.Fused"/> or <see cref="TrainingBackends.Torch"/>).</summary>
    public override string Backend => _fused is null ? TrainingBackends.Torch : TrainingBackends.Fused;

    protected override IReadOnlyList<string> DiagnosticNames => Diagnostics;

    protected override IEnumerable<KeyValuePair<string, double>> ScheduleMetrics() =>
        PriorityBeta is { } beta
            ? [new("epsilon", Epsilon), new("learning_rate", LearningRate), new("priority_beta", beta)]
            : [new("epsilon", Epsilon), new("learning_rate", LearningRate)];

    private double LearningRate => _c.AnnealLearningRate ? (1.0 - Progress) * _c.LearningRate : _c.LearningRate;

    private double Epsilon => _options.Noisy ? 0 : _epsilon.At(Progress);

    /// <summary>
    /// Fresh factorized noise for the online and the target network, independently (Fortunato et al. 2018, Algorithm
    /// 1), drawn from the run's seeded generator so that runs repeat under a seed.
    /// </summary>
    private void ResampleNoise()
    {
        var draw = _noiseDraw!;
        for (var i = 0; i < draw.Length; i++) draw[i] = (float)Rng.NextGaussian();
        _qNetwork.ResetNoise(draw);
        for (var i = 0; i < draw.Length; i++) draw[i] = (float)Rng.NextGaussian();
        _targetNetwork.ResetNoise(draw);
    }

    protected override void SelectActions(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, Span<int> actions, Span<float> unused)
    {
        double epsilon = Epsilon;
        bool anyGreedy = false;
        for (int i = 0; i < actions.Length; i++)
        {
            if (!_options.Noisy && Rng.NextDouble() < epsilon) actions[i] = Rng.NextInt(_actionCount);
            else
            {
                actions[i] = -1;
                anyGreedy = true;
            }
        }
        if (!anyGreedy) return;
        if (Updates != _updatesAtInferenceRefresh)
        {
            _inference.Refresh();
            _updatesAtInferenceRefresh = Updates;
        }
        _inference.GreedyActions(observations, descriptors, actions.Length, _greedy);
        for (int i = 0; i < actions.Length; i++) if (actions[i] < 0) actions[i] = _greedy[i];
    }

    /// <summary>Ape-X's spread of exploration over actors, on the run's schedule: actor i of N explores with
    /// epsilon(t)^(1 + 7 i / (N - 1)), so actor 0 follows the schedule and the last is almost greedy.</summary>
    protected override double RemoteExploration(int workerIndex, int workers) =>
        workers <= 1 ? Epsilon : Math.Pow(Epsilon, 1 + 7.0 * (workerIndex % workers) / (workers - 1));

    protected override void AfterEnvStep(int stepSize)
    {
        if (!CrossedMultiple(GlobalStep, stepSize, _c.TargetUpdateInterval)) return;
        // A hard copy with no gradient step since the last one changes nothing (the Zoo's CartPole settings ask for
        // one every 10 steps and train every 256), so it is skipped.
        if (_c.Tau < 1.0) _targetNetwork.SoftUpdateFrom(_qNetwork, _c.Tau);
        else if (Updates != _updatesAtTargetCopy)
        {
            _targetNetwork.CopyFrom(_qNetwork);
            _updatesAtTargetCopy = Updates;
        }
        else return;
        _fused?.RefreshTarget();
    }

    protected override void TrainStep(ReplayBatch batch, Span<double> diagnostics)
    {
        if (_fused is not null)
        {
            var (tdLoss, meanQ) = _fused.Step(batch, _c.DoubleDqn, _c.Prioritized);
            _optimizer.LearningRate = LearningRate;
            _optimizer.Step(_c.MaxGradNorm);
            diagnostics[0] = tdLoss;
            diagnostics[1] = meanQ;
            return;
        }
        int b = batch.Size;
        var obs = TensorBatch.FromRows(batch.Observations, b, Replay.ObservationSize, Device);
        var nextObs = TensorBatch.FromRows(batch.NextObservations, b, Replay.ObservationSize, Device);
        var desc = TensorBatch.Descriptors(batch.Descriptors, b, Replay.DescriptorSize, Device);
        var actions = TensorBatch.FromVector(batch.DiscreteActions, Device).unsqueeze(1);
        var rewards = TensorBatch.FromVector(batch.Rewards, Device);
        var terminated = TensorBatch.FromVector(batch.Terminated, Device);
        var discounts = TensorBatch.FromVector(batch.Discounts, Device);
        var weights = _c.Prioritized ? TensorBatch.FromVector(batch.Weights, Device) : null;
        if (_noiseDraw is not null) ResampleNoise();

        var (loss, oldValue, priority) = _options.Distribution switch
        {
            QDistributionKind.Quantile => QuantileLoss(obs, nextObs, desc, actions, rewards, discounts, terminated, weights),
            QDistributionKind.Categorical => CategoricalLoss(obs, nextObs, desc, actions, rewards, discounts, terminated, weights),
            _ => ScalarLoss(obs, nextObs, desc, actions, rewards, discounts, terminated, weights),
        };

        _optimizer.ZeroGrad();
        loss.backward();
        _optimizer.LearningRate = LearningRate;
        _optimizer.Step(_c.MaxGradNorm);
        float[] logged;
        // One transfer for the diagnostics and the priorities.
        using (no_grad()) logged = HostFloats.Of(cat([stack([loss, oldValue.mean()]), priority]));
        diagnostics[0] = logged[0];
        diagnostics[1] = logged[1];
        logged.AsSpan(2, b).CopyTo(batch.TdErrors);
    }

    /// <summary>DQN's Huber loss on y = R + gamma^m (1 - terminated) Q_target(s', a*) and Q(s, a) [B]; priority |y - Q(s, a)|.</summary>
    private (Tensor Loss, Tensor OldValue, Tensor Priority) ScalarLoss(Tensor obs, Tensor nextObs, Tensor desc, Tensor actions, Tensor rewards,
        Tensor discounts, Tensor terminated, Tensor? weights)
    {
        Tensor tdTarget;
        using (no_grad())
        {
            var targetQ = _targetNetwork.QValues(nextObs, desc);
            var nextActions = _c.DoubleDqn ? _qNetwork.QValues(nextObs, desc).argmax(1, keepdim: true) : targetQ.argmax(1, keepdim: true);
            var targetMax = targetQ.gather(1, nextActions).squeeze(1);
            tdTarget = DqnLoss.TdTarget(rewards, discounts, terminated, targetMax);
        }
        var oldValue = _qNetwork.QValues(obs, desc).gather(1, actions).squeeze(1);
        Tensor priority;
        using (no_grad()) priority = (tdTarget - oldValue).abs();
        return (DqnLoss.HuberLoss(oldValue, tdTarget, weights), oldValue, priority);
    }

    /// <summary>QR-DQN: the quantile Huber loss between theta(s, a) and R + gamma^m (1 - terminated) theta_target(s', a*).</summary>
    private (Tensor Loss, Tensor OldValue, Tensor Priority) QuantileLoss(Tensor obs, Tensor nextObs, Tensor desc, Tensor actions, Tensor rewards,
        Tensor discounts, Tensor terminated, Tensor? weights)
    {
        Tensor nextQuantiles;
        using (no_grad()) nextQuantiles = AtBootstrapActions(nextObs, desc);
        var quantiles = AtActions(_qNetwork.Distribution(obs, desc), actions);
        var perSample = QuantileHuberLoss.PerSample(quantiles, nextQuantiles, rewards, discounts, terminated);
        return (DqnLoss.Mean(perSample, weights), quantiles.detach().mean([1]), perSample.detach());
    }

    /// <summary>C51: cross-entropy of p(s, a) against the target distribution projected onto the support.</summary>
    private (Tensor Loss, Tensor OldValue, Tensor Priority) CategoricalLoss(Tensor obs, Tensor nextObs, Tensor desc, Tensor actions, Tensor rewards,
        Tensor discounts, Tensor terminated, Tensor? weights)
    {
        Tensor nextProbabilities;
        using (no_grad()) nextProbabilities = AtBootstrapActions(nextObs, desc).softmax(-1);
        var logits = AtActions(_qNetwork.Distribution(obs, desc), actions);
        var perSample = CategoricalProjectionLoss.PerSample(logits, nextProbabilities, rewards, discounts, terminated,
            _qNetwork.Support(), _options.VMin, _options.VMax);
        Tensor oldValue;
        using (no_grad()) oldValue = _qNetwork.Mean(logits.unsqueeze(1)).squeeze(1);
        return (DqnLoss.Mean(perSample, weights), oldValue, perSample.detach());
    }

    /// <summary>The target network's distribution [B, K] at a* = argmax of the mean Q of the online network (Double
    /// DQN) or of the target network.</summary>
    private Tensor AtBootstrapActions(Tensor nextObs, Tensor desc)
    {
        var targetDistribution = _targetNetwork.Distribution(nextObs, desc);
        var selector = _c.DoubleDqn ? _qNetwork.Mean(_qNetwork.Distribution(nextObs, desc)) : _targetNetwork.Mean(targetDistribution);
        return AtActions(targetDistribution, selector.argmax(1, keepdim: true));
    }

    /// <summary>[B, A, K] at actions [B, 1] -> [B, K].</summary>
    private static Tensor AtActions(Tensor distribution, Tensor actions) =>
        distribution.gather(1, actions.unsqueeze(2).expand(-1, 1, distribution.shape[2])).squeeze(1);

    protected override void SaveNetworks(string directory)
    {
        _qNetwork.save(Path.Combine(directory, "network.bin"));
        _targetNetwork.save(Path.Combine(directory, "target.bin"));
        _optimizer.Save(Path.Combine(directory, "optimizer.bin"));
    }

    /// <summary>The updates at the last hard target copy: the next copy is skipped while it is unchanged.</summary>
    protected override void SaveAlgorithmState(BinaryWriter writer) => writer.Write(_updatesAtTargetCopy);

    protected override void LoadAlgorithmState(BinaryReader reader) => _updatesAtTargetCopy = reader.ReadInt32();

    protected override void LoadNetworks(string directory)
    {
        CheckpointFile.Load(directory, "network.bin", path => _qNetwork.load(path));
        CheckpointFile.Load(directory, "target.bin", path => _targetNetwork.load(path));
        CheckpointFile.Load(directory, "optimizer.bin", _optimizer.Load);
        _qNetwork.InvalidateGeneratedWeights();
        _targetNetwork.InvalidateGeneratedWeights();
        _fused?.RefreshTarget();
    }

    public override void Dispose()
    {
        _optimizer.Dispose();
        _qNetwork.Dispose();
        _targetNetwork.Dispose();
    }
}
