using System.Diagnostics;
using HyperRL.Agents.Buffers;
using HyperRL.Agents.Config;
using HyperRL.Agents.Optimization;
using HyperRL.Agents.Schedules;
using HyperRL.Agents.Training;
using HyperRL.Envs.Util;
using HyperRL.Envs.Vector;
using HyperRL.HyperPolicy;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Algorithms;

/// <summary>
/// Deep Q-Network (Mnih et al. 2015) in the shape of CleanRL's dqn.py, with Double DQN (van Hasselt et al. 2016)
/// and dueling heads (Wang et al. 2016) as options, and Q conditioned on each env's descriptor.
///
/// Act epsilon-greedily with Q_theta; store (s, a, r, s', terminated, descriptor) in the replay buffer; every
/// TrainFrequency env steps take GradientSteps steps on the Huber loss between Q_theta(s, a) and
///     y = r + gamma * (1 - terminated) * Q_target(s', argmax_a' Q(s', a'))
/// where the argmax uses Q_theta (Double DQN) or Q_target (plain DQN); update theta_target <- tau theta + (1 - tau)
/// theta_target every TargetUpdateInterval env steps.
/// </summary>
public sealed class Dqn : IAlgorithm
{
    private readonly DqnConfig _c;
    private readonly VectorEnv _envs;
    private readonly QNetwork _qNetwork;
    private readonly QNetwork _targetNetwork;
    private readonly VecNormalize? _normalizer;
    private readonly Device _device;
    private readonly FlatAdam _optimizer;
    private readonly ReplayBuffer _replay;
    private readonly ReplayBatch _batch;
    private readonly Rng _rng;
    private readonly LinearSchedule _epsilon;
    private readonly long _totalStepsPlanned;
    private readonly int[] _actions;
    private readonly long[] _storedActions;
    private readonly int[] _greedy;
    private readonly QNetworkInference _inference;
    private int _updatesAtInferenceRefresh = -1;
    private readonly float[] _previousObservations;
    private readonly float[] _previousDescriptors;
    private readonly float[] _nextObservations;
    private readonly float[] _rewards;
    private readonly Stopwatch _clock = new();
    private bool _started;
    private int _updatesAtTargetCopy = -1;

    public Dqn(DqnConfig config, VectorEnv envs, QNetwork qNetwork, QNetwork targetNetwork, VecNormalize? normalizer,
        Device device, long totalStepsPlanned, int seed)
    {
        if (!envs.IsDiscrete) throw new ArgumentException("DQN needs discrete actions; use PPO for continuous-action envs.");
        _c = config;
        _envs = envs;
        _qNetwork = qNetwork;
        _targetNetwork = targetNetwork;
        _normalizer = normalizer;
        _device = device;
        _totalStepsPlanned = totalStepsPlanned;
        _targetNetwork.CopyFrom(_qNetwork);
        _optimizer = new FlatAdam(_qNetwork.parameters(), config.LearningRate);
        _replay = new ReplayBuffer(config.BufferSize, envs.ObservationSize, envs.DescriptorSize, 1, discrete: true);
        _batch = _replay.CreateBatch(config.BatchSize);
        _rng = new Rng(Rng.Derive((ulong)seed, 0xD0D0));
        _epsilon = new LinearSchedule(config.StartEpsilon, config.EndEpsilon, config.ExplorationFraction);
        int n = envs.NumEnvs;
        _actions = new int[n];
        _storedActions = new long[n];
        _greedy = new int[n];
        // Action selection reads C# copies of the Q network's weights, refreshed after each burst of gradient steps.
        _inference = new QNetworkInference(_qNetwork);
        _previousObservations = new float[n * envs.ObservationSize];
        _previousDescriptors = new float[n * envs.DescriptorSize];
        _nextObservations = new float[n * envs.ObservationSize];
        _rewards = new float[n];
    }

    public long GlobalStep { get; private set; }
    public int Updates { get; private set; }
    public QNetwork QNetwork => _qNetwork;

    public void Learn(long totalSteps, ITrainingObserver observer, CancellationToken cancellation)
    {
        int n = _envs.NumEnvs;
        int obsSize = _envs.ObservationSize;
        if (!_started)
        {
            _normalizer?.NormalizeObservations(_envs.Observations, n, update: true);
            _started = true;
        }
        _clock.Start();
        var interval = Stopwatch.StartNew();
        long intervalStart = GlobalStep;
        double lossSum = 0, qSum = 0;
        int lossCount = 0;
        const long logEvery = 1000;
        long nextLog = (GlobalStep / logEvery + 1) * logEvery;
        int nActions = _envs.SingleActionSpace is HyperRL.Envs.Spaces.Discrete d ? d.N : 0;

        while (GlobalStep < totalSteps && !cancellation.IsCancellationRequested)
        {
            double epsilon = _epsilon.At((double)GlobalStep / _totalStepsPlanned);
            ChooseActions(epsilon, nActions);

            _envs.Observations.CopyTo(_previousObservations, 0);
            _envs.Descriptors.CopyTo(_previousDescriptors, 0);
            _envs.Step(_actions);
            GlobalStep += n;
            foreach (var episode in _envs.CompletedEpisodes) observer.OnEpisode(GlobalStep, episode);

            // s' of a finished episode is its final observation, not the next episode's first one.
            _envs.Rewards.CopyTo(_rewards, 0);
            _normalizer?.NormalizeRewards(_rewards, _envs.Terminations, _envs.Truncations);
            _normalizer?.NormalizeObservations(_envs.Observations, n, update: true);
            _envs.Observations.CopyTo(_nextObservations, 0);
            for (int i = 0; i < n; i++)
            {
                if (!(_envs.Terminations[i] || _envs.Truncations[i])) continue;
                var final = _nextObservations.AsSpan(i * obsSize, obsSize);
                _envs.FinalObservations.AsSpan(i * obsSize, obsSize).CopyTo(final);
                _normalizer?.ApplyObservationStatistics(final, 1);
            }
            for (int i = 0; i < n; i++) _storedActions[i] = _actions[i];
            _replay.AddBatch(n, _previousObservations, _nextObservations, _previousDescriptors, _storedActions,
                ReadOnlySpan<float>.Empty, _rewards, _envs.Terminations);

            if (GlobalStep > _c.LearningStarts)
            {
                if (CrossedMultiple(GlobalStep, n, _c.TrainFrequency))
                {
                    for (int g = 0; g < _c.GradientSteps; g++)
                    {
                        var (loss, q) = TrainStep();
                        lossSum += loss;
                        qSum += q;
                        lossCount++;
                        Updates++;
                    }
                }
                if (CrossedMultiple(GlobalStep, n, _c.TargetUpdateInterval))
                {
                    // A hard copy with no gradient step since the last one changes nothing (the Zoo's CartPole
                    // settings ask for one every 10 steps and train every 256), so it is skipped.
                    if (_c.Tau < 1.0) _targetNetwork.SoftUpdateFrom(_qNetwork, _c.Tau);
                    else if (Updates != _updatesAtTargetCopy)
                    {
                        _targetNetwork.CopyFrom(_qNetwork);
                        _updatesAtTargetCopy = Updates;
                    }
                }
            }

            if (GlobalStep >= nextLog)
            {
                nextLog = (GlobalStep / logEvery + 1) * logEvery;
                double seconds = interval.Elapsed.TotalSeconds;
                var metrics = new UpdateMetrics(GlobalStep, Updates, _clock.Elapsed.TotalSeconds, new List<KeyValuePair<string, double>>
                {
                    new("td_loss", lossCount > 0 ? lossSum / lossCount : double.NaN),
                    new("q_values", lossCount > 0 ? qSum / lossCount : double.NaN),
                    new("epsilon", epsilon),
                    new("learning_rate", _c.LearningRate),
                    new("steps_per_second", (GlobalStep - intervalStart) / Math.Max(1e-9, seconds)),
                });
                lossSum = qSum = 0;
                lossCount = 0;
                intervalStart = GlobalStep;
                interval.Restart();
                if (!observer.OnUpdate(metrics)) break;
            }
        }
        _clock.Stop();
    }

    /// <summary>True when stepping by <paramref name="increment"/> to <paramref name="step"/> passed a multiple of <paramref name="every"/>.</summary>
    private static bool CrossedMultiple(long step, int increment, int every) =>
        every > 0 && step / every != (step - increment) / every;

    private void ChooseActions(double epsilon, int nActions)
    {
        int n = _envs.NumEnvs;
        bool anyGreedy = false;
        for (int i = 0; i < n; i++)
        {
            if (_rng.NextDouble() < epsilon) _actions[i] = _rng.NextInt(nActions);
            else
            {
                _actions[i] = -1;
                anyGreedy = true;
            }
        }
        if (!anyGreedy) return;
        if (Updates != _updatesAtInferenceRefresh)
        {
            _inference.Refresh();
            _updatesAtInferenceRefresh = Updates;
        }
        _inference.GreedyActions(_envs.Observations, _envs.Descriptors, n, _greedy);
        for (int i = 0; i < n; i++) if (_actions[i] < 0) _actions[i] = _greedy[i];
    }

    private (double Loss, double Q) TrainStep()
    {
        using var scope = NewDisposeScope();
        _replay.Sample(_rng, _batch);
        int b = _batch.Size;
        var obs = TensorBatch.FromRows(_batch.Observations, b, _replay.ObservationSize, _device);
        var nextObs = TensorBatch.FromRows(_batch.NextObservations, b, _replay.ObservationSize, _device);
        var desc = TensorBatch.Descriptors(_batch.Descriptors, b, _replay.DescriptorSize, _device);
        var actions = TensorBatch.FromVector(_batch.DiscreteActions, _device).unsqueeze(1);
        var rewards = TensorBatch.FromVector(_batch.Rewards, _device);
        var terminated = TensorBatch.FromVector(_batch.Terminated, _device);

        Tensor tdTarget;
        using (no_grad())
        {
            var targetQ = _targetNetwork.QValues(nextObs, desc);
            var nextActions = _c.DoubleDqn ? _qNetwork.QValues(nextObs, desc).argmax(1, keepdim: true) : targetQ.argmax(1, keepdim: true);
            var targetMax = targetQ.gather(1, nextActions).squeeze(1);
            tdTarget = rewards + _c.Gamma * targetMax * (1 - terminated);
        }
        var oldValue = _qNetwork.QValues(obs, desc).gather(1, actions).squeeze(1);
        var loss = nn.functional.smooth_l1_loss(oldValue, tdTarget);

        _optimizer.ZeroGrad();
        loss.backward();
        _optimizer.Step(_c.MaxGradNorm);
        float[] logged;
        using (no_grad()) logged = stack([loss, oldValue.mean()]).cpu().data<float>().ToArray(); // one transfer, not two
        return (logged[0], logged[1]);
    }

    public IPolicyRunner CreatePolicyRunner() => new QNetworkRunner(_qNetwork, _normalizer);

    public void SaveState(string directory) => _optimizer.Save(Path.Combine(directory, "optimizer.bin"));

    public void LoadState(string directory) => _optimizer.Load(Path.Combine(directory, "optimizer.bin"));

    internal void RestoreCounters(long globalStep, int updates)
    {
        GlobalStep = globalStep;
        Updates = updates;
    }

    public void Dispose() => _optimizer.Dispose();
}
