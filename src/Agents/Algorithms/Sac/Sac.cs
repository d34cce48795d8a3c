using HyperRL.Agents.OffPolicy;
using HyperRL.Agents.Optimization;
using HyperRL.Agents.Training;
using HyperRL.Envs.Util;
using HyperRL.HyperPolicy;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Algorithms.Sac;

/// <summary>
/// Soft Actor-Critic (Haarnoja et al. 2018, with the automatic entropy tuning of Haarnoja et al. 2018b) in the shape of
/// CleanRL's sac_continuous_action.py and Stable-Baselines3's SAC.train, with the actor and the critics conditioned on
/// each env's descriptor (hypernetwork, FiLM, concatenation or none, by the policy spec).
///
/// Act with a ~ pi_phi(.|s) (uniformly random actions for the first LearningStarts steps); store (s, a, r, s', terminated,
/// descriptor). Each gradient step on a minibatch:
///     alpha:  J(alpha) = -E[log alpha * (log pi(a~|s) + H_target)],  a~ ~ pi_phi(.|s)            (when tuned)
///     critic: y = r + gamma (1 - terminated) (min_k Q_target_k(s', a') - alpha log pi(a'|s')),  a' ~ pi_phi(.|s')
///             J(theta) = 1/2 sum_k E[(Q_theta_k(s, a) - y)^2]
///     actor:  J(phi) = E[alpha log pi(a~|s) - min_k Q_theta_k(s, a~)]   (a~ reparameterized)
///     targets: theta_target &lt;- tau theta + (1 - tau) theta_target
/// in SB3's order (alpha, critics, actor, targets), without gradient clipping.
/// </summary>
public sealed class Sac : OffPolicyAlgorithm
{
    private static readonly string[] Diagnostics = ["qf_loss", "actor_loss", "alpha", "alpha_loss", "q_values", "entropy"];

    private readonly SacConfig _c;
    private readonly Actor _actor;
    private readonly ContinuousQCritics _critics;
    private readonly ContinuousQCritics _targetCritics;
    private readonly FlatAdam _actorOptimizer;
    private readonly FlatAdam _criticOptimizer;
    private readonly Tensor _logAlpha;                // log of the entropy coefficient, trained when tuned
    private readonly FlatAdam? _alphaOptimizer;
    private readonly double _targetEntropy;
    private readonly ActorInference _inference;
    private readonly RngRandom _sampling;
    private readonly float[] _actionLow;
    private readonly float[] _actionHigh;
    private readonly float[] _logProbs;
    private int _updatesAtInferenceRefresh = -1;

    public Sac(AlgorithmContext context, SacConfig config) : base(context, config, generatorStream: 0x5AC)
    {
        _c = config;
        var spec = context.Config.Policy;
        _actor = Actor.Create(spec, context.Shapes);
        _critics = ContinuousQCritics.Create(spec, context.Shapes, config.Critics);
        _targetCritics = ContinuousQCritics.Create(spec, context.Shapes, config.Critics);
        if (Device.type != DeviceType.CPU)
        {
            _actor.to(Device);
            _critics.to(Device);
            _targetCritics.to(Device);
        }
        _targetCritics.CopyFrom(_critics);
        _actorOptimizer = new FlatAdam(_actor.parameters(), config.LearningRate);
        _criticOptimizer = new FlatAdam(_critics.parameters(), config.LearningRate);
        _logAlpha = nn.Parameter(tensor(new[] { (float)Math.Log(config.EntCoef) }, device: Device), requires_grad: config.AutoEntropy);
        if (config.AutoEntropy) _alphaOptimizer = new FlatAdam([_logAlpha], config.LearningRate);
        _targetEntropy = config.TargetEntropy ?? -context.Shapes.ActionSize;
        // Rollouts act through C# copies of the actor's weights, refreshed after each burst of gradient steps.
        _inference = new ActorInference(_actor);
        _sampling = new RngRandom(Rng.Derive((ulong)context.Config.Seed, 0x5AC0));
        _actionLow = context.Shapes.ActionLow!;
        _actionHigh = context.Shapes.ActionHigh!;
        _logProbs = new float[Pipeline.Envs.NumEnvs];
    }

    public override PolicyModel Policy => _actor;

    protected override IReadOnlyList<string> DiagnosticNames => Diagnostics;

    private double LearningRate => _c.AnnealLearningRate ? (1.0 - Progress) * _c.LearningRate : _c.LearningRate;

    protected override IEnumerable<KeyValuePair<string, double>> ScheduleMetrics() => [new("learning_rate", LearningRate)];

    protected override void SelectActions(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, Span<int> unused, Span<float> actions)
    {
        if (GlobalStep < _c.LearningStarts)
        {
            // SB3's warm-up: uniform actions over the box, so the first transitions cover it.
            for (int k = 0; k < actions.Length; k++)
                actions[k] = (float)Rng.Uniform(_actionLow[k % _actionLow.Length], _actionHigh[k % _actionHigh.Length]);
            return;
        }
        if (Updates != _updatesAtInferenceRefresh)
        {
            _inference.Refresh();
            _updatesAtInferenceRefresh = Updates;
        }
        _inference.Act(observations, descriptors, _logProbs.Length, deterministic: false, _sampling, actions, _logProbs);
    }

    /// <summary>Uniform warm-up actions until learningStarts, as in-process; the policy's samples after.</summary>
    protected override double RemoteExploration(int workerIndex, int workers) => GlobalStep < _c.LearningStarts ? 1 : 0;

    protected override void TrainStep(ReplayBatch batch, Span<double> diagnostics)
    {
        double learningRate = LearningRate;
        _actorOptimizer.LearningRate = _criticOptimizer.LearningRate = learningRate;
        int b = batch.Size;
        var obs = TensorBatch.FromRows(batch.Observations, b, Replay.ObservationSize, Device);
        var nextObs = TensorBatch.FromRows(batch.NextObservations, b, Replay.ObservationSize, Device);
        var desc = TensorBatch.Descriptors(batch.Descriptors, b, Replay.DescriptorSize, Device);
        var actions = TensorBatch.FromRows(batch.ContinuousActions, b, Replay.ActionSize, Device);
        var rewards = TensorBatch.FromVector(batch.Rewards, Device);
        var terminated = TensorBatch.FromVector(batch.Terminated, Device);

        // The entropy coefficient, from the current policy's log-probabilities.
        var pi = _actor.Sample(obs, desc);
        Tensor alphaLoss;
        if (_alphaOptimizer is { } alphaOptimizer)
        {
            alphaOptimizer.LearningRate = learningRate;
            alphaLoss = SacLoss.EntropyCoefficientLoss(_logAlpha, pi.LogProb, _targetEntropy);
            alphaOptimizer.ZeroGrad();
            alphaLoss.backward();
            alphaOptimizer.Step(double.PositiveInfinity);
        }
        else alphaLoss = zeros(1, device: Device);
        var alpha = _logAlpha.detach().exp();

        // Critics: the soft Bellman target with the minimum of the target critics.
        Tensor y;
        using (no_grad())
        {
            var next = _actor.Sample(nextObs, desc);
            y = SacLoss.CriticTarget(rewards, terminated, _c.Gamma, _targetCritics.QValues(nextObs, next.Action, desc), next.LogProb, alpha);
        }
        var q = _critics.QValues(obs, actions, desc);
        var qfLoss = SacLoss.CriticLoss(q, y);
        _criticOptimizer.ZeroGrad();
        qfLoss.backward();
        _criticOptimizer.Step(double.PositiveInfinity);

        // Actor: the reparameterized action against the updated critics.
        var actorLoss = SacLoss.ActorLoss(alpha, pi.LogProb, _critics.QValues(obs, pi.Action, desc));
        _actorOptimizer.ZeroGrad();
        actorLoss.backward();
        _actorOptimizer.Step(double.PositiveInfinity);

        _targetCritics.SoftUpdateFrom(_critics, _c.Tau);

        float[] logged;
        using (no_grad())
            logged = HostFloats.Of(stack([qfLoss, actorLoss, alpha.squeeze(), alphaLoss.reshape(-1)[0], q[0].mean(), -pi.LogProb.mean()]));
        for (int k = 0; k < logged.Length; k++) diagnostics[k] = logged[k];
    }

    protected override void SaveNetworks(string directory)
    {
        _actor.save(Path.Combine(directory, "actor.bin"));
        _critics.save(Path.Combine(directory, "critics.bin"));
        _targetCritics.save(Path.Combine(directory, "target_critics.bin"));
        _actorOptimizer.Save(Path.Combine(directory, "actor_optimizer.bin"));
        _criticOptimizer.Save(Path.Combine(directory, "critic_optimizer.bin"));
        _alphaOptimizer?.Save(Path.Combine(directory, "alpha_optimizer.bin"));
        File.WriteAllText(Path.Combine(directory, "log_alpha.txt"), HostFloats.Of(_logAlpha)[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The action sampler's generator (the base saves its own and the replay buffer).</summary>
    protected override void SaveAlgorithmState(BinaryWriter writer) => _sampling.Source.Save(writer);

    protected override void LoadAlgorithmState(BinaryReader reader) => _sampling.Source.Load(reader);

    protected override void LoadNetworks(string directory)
    {
        CheckpointFile.Load(directory, "actor.bin", path => _actor.load(path));
        CheckpointFile.Load(directory, "critics.bin", path => _critics.load(path));
        CheckpointFile.Load(directory, "target_critics.bin", path => _targetCritics.load(path));
        CheckpointFile.Load(directory, "actor_optimizer.bin", _actorOptimizer.Load);
        CheckpointFile.Load(directory, "critic_optimizer.bin", _criticOptimizer.Load);
        if (_alphaOptimizer is { } alphaOptimizer) CheckpointFile.Load(directory, "alpha_optimizer.bin", alphaOptimizer.Load);
        CheckpointFile.Load(directory, "log_alpha.txt", path =>
        {
            using var noGrad = no_grad();
            _logAlpha.fill_(float.Parse(File.ReadAllText(path), System.Globalization.CultureInfo.InvariantCulture));
        });
        _actor.InvalidateGeneratedWeights();
        _critics.InvalidateGeneratedWeights();
        _targetCritics.InvalidateGeneratedWeights();
    }

    public override void Dispose()
    {
        _actorOptimizer.Dispose();
        _criticOptimizer.Dispose();
        _alphaOptimizer?.Dispose();
        _logAlpha.Dispose();
        _actor.Dispose();
        _critics.Dispose();
        _targetCritics.Dispose();
    }
}
