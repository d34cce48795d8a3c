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
/// 2016) the loss is mean_i(w_i * huber(delta_i)) with importance weights w_i, and |delta_i| become the priorities.
/// </summary>
public sealed class Dqn : OffPolicyAlgorithm
{
    private static readonly string[] Diagnostics = ["td_loss", "q_values"];

    private readonly DqnConfig _c;
    private readonly QNetwork _qNetwork;
    private readonly QNetwork _targetNetwork;
    private readonly FlatAdam _optimizer;
    private readonly LinearSchedule _epsilon;
    private readonly int _actionCount;
    private readonly int[] _greedy;
    private readonly QNetworkInference _inference;
    private int _updatesAtInferenceRefresh = -1;
    private int _updatesAtTargetCopy = -1;

    public Dqn(AlgorithmContext context, DqnConfig config) : base(context, config, generatorStream: 0xD0D0)
    {
        _c = config;
        _qNetwork = QNetwork.Create(context.Config.Policy, context.Shapes);
        _targetNetwork = QNetwork.Create(context.Config.Policy, context.Shapes);
        if (Device.type != DeviceType.CPU)
        {
            _qNetwork.to(Device);
            _targetNetwork.to(Device);
        }
        _targetNetwork.CopyFrom(_qNetwork);
        _optimizer = new FlatAdam(_qNetwork.parameters(), config.LearningRate);
        _epsilon = new LinearSchedule(config.StartEpsilon, config.EndEpsilon, config.ExplorationFraction);
        _actionCount = context.Shapes.ActionSize;
        _greedy = new int[Pipeline.Envs.NumEnvs];
        // Action selection reads C# copies of the Q network's weights, refreshed after each burst of gradient steps.
        _inference = new QNetworkInference(_qNetwork);
    }

    public override PolicyModel Policy => _qNetwork;

    protected override IReadOnlyList<string> DiagnosticNames => Diagnostics;

    protected override IEnumerable<KeyValuePair<string, double>> ScheduleMetrics() =>
        PriorityBeta is { } beta
            ? [new("epsilon", _epsilon.At(Progress)), new("learning_rate", _c.LearningRate), new("priority_beta", beta)]
            : [new("epsilon", _epsilon.At(Progress)), new("learning_rate", _c.LearningRate)];

    protected override void SelectActions(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, Span<int> actions, Span<float> unused)
    {
        double epsilon = _epsilon.At(Progress);
        bool anyGreedy = false;
        for (int i = 0; i < actions.Length; i++)
        {
            if (Rng.NextDouble() < epsilon) actions[i] = Rng.NextInt(_actionCount);
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
    }

    protected override void TrainStep(ReplayBatch batch, Span<double> diagnostics)
    {
        int b = batch.Size;
        var obs = TensorBatch.FromRows(batch.Observations, b, Replay.ObservationSize, Device);
        var nextObs = TensorBatch.FromRows(batch.NextObservations, b, Replay.ObservationSize, Device);
        var desc = TensorBatch.Descriptors(batch.Descriptors, b, Replay.DescriptorSize, Device);
        var actions = TensorBatch.FromVector(batch.DiscreteActions, Device).unsqueeze(1);
        var rewards = TensorBatch.FromVector(batch.Rewards, Device);
        var terminated = TensorBatch.FromVector(batch.Terminated, Device);
        var discounts = TensorBatch.FromVector(batch.Discounts, Device);

        Tensor tdTarget;
        using (no_grad())
        {
            var targetQ = _targetNetwork.QValues(nextObs, desc);
            var nextActions = _c.DoubleDqn ? _qNetwork.QValues(nextObs, desc).argmax(1, keepdim: true) : targetQ.argmax(1, keepdim: true);
            var targetMax = targetQ.gather(1, nextActions).squeeze(1);
            tdTarget = DqnLoss.TdTarget(rewards, discounts, terminated, targetMax);
        }
        var oldValue = _qNetwork.QValues(obs, desc).gather(1, actions).squeeze(1);
        var loss = DqnLoss.HuberLoss(oldValue, tdTarget, _c.Prioritized ? TensorBatch.FromVector(batch.Weights, Device) : null);

        _optimizer.ZeroGrad();
        loss.backward();
        _optimizer.Step(_c.MaxGradNorm);
        float[] logged;
        using (no_grad())
        {
            var delta = (tdTarget - oldValue).abs();
            logged = HostFloats.Of(cat([stack([loss, oldValue.mean()]), delta])); // one transfer for the diagnostics and |delta|
        }
        diagnostics[0] = logged[0];
        diagnostics[1] = logged[1];
        logged.AsSpan(2, b).CopyTo(batch.TdErrors);
    }

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
    }

    public override void Dispose()
    {
        _optimizer.Dispose();
        _qNetwork.Dispose();
        _targetNetwork.Dispose();
    }
}
