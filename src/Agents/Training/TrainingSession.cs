using System.Globalization;
using HyperRL.Agents.Algorithms;
using HyperRL.Agents.Config;
using HyperRL.Envs.Core;
using HyperRL.Envs.Registry;
using HyperRL.Envs.Vector;
using HyperRL.HyperPolicy;
using Newtonsoft.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Training;

/// <summary>One training process: the envs, networks and algorithm of a run, and the files it writes.</summary>
internal sealed class TrainingSession : ITrainingObserver, IDisposable
{
    private const int RecentEpisodes = 20;
    private readonly TrainConfig _config;
    private readonly RunLayout _layout;
    private readonly VectorEnv _envs;
    private readonly VecNormalize? _normalizer;
    private readonly nn.Module _network;
    private readonly IAlgorithm _algorithm;
    private readonly EnvOptions _trainOptions;
    private readonly Func<Env, Env>? _wrap;
    private readonly Queue<double> _recentReturns = new();
    private readonly double _secondsBefore;
    private CsvLog? _metrics;
    private CsvLog? _episodes;
    private CsvLog? _eval;
    private ITrainingProgress? _progress;
    private long _nextEval;
    private long _nextCheckpoint;
    private int _episodeCount;
    private IReadOnlyList<EvalResult> _lastEvaluation = Array.Empty<EvalResult>();
    private long _lastEvaluationStep = -1;

    private TrainingSession(TrainConfig config, RunLayout layout, VectorEnv envs, VecNormalize? normalizer, nn.Module network,
        IAlgorithm algorithm, EnvOptions trainOptions, Func<Env, Env>? wrap, TrainerState? resumed)
    {
        _config = config;
        _layout = layout;
        _envs = envs;
        _normalizer = normalizer;
        _network = network;
        _algorithm = algorithm;
        _trainOptions = trainOptions;
        _wrap = wrap;
        _episodeCount = resumed?.Episodes ?? 0;
        _secondsBefore = resumed?.Seconds ?? 0;
    }

    public static TrainingSession Create(TrainConfig config, RunLayout layout, TrainerState? resumed)
    {
        var device = TorchDevices.Resolve(config.Device);
        torch.set_num_threads(config.TorchThreads);
        torch.manual_seed(resumed == null ? config.Seed : config.Seed + 7919L * (resumed.Updates + 1));

        var trainOptions = EnvSetup.TrainingOptions(config);
        var probe = EnvRegistry.Make(config.Env, trainOptions);
        var wrap = EnvSetup.Wrapper(probe);
        var shapes = EnvSetup.Shapes(probe);
        var spec = PolicySpec.FromJObject(config.Policy);
        spec.Validate(shapes);

        var envs = VectorEnvFactory.Make(config.Env, config.NumEnvs, config.Workers, trainOptions, wrap);
        try
        {
            // A resumed run starts fresh episodes: env state is not part of a checkpoint.
            envs.Reset(resumed == null ? config.Seed : config.Seed + 7919 * (resumed.Updates + 1));
            var normalizer = config.NormalizeObservations || config.NormalizeRewards
                ? new VecNormalize(config.NumEnvs, envs.ObservationSize, config.NormalizeObservations, config.NormalizeRewards,
                    config.Algo == "ppo" ? config.Ppo.Gamma : config.Dqn.Gamma)
                : null;
            if (resumed?.Normalization is { } saved) normalizer?.Load(saved);

            nn.Module network;
            IAlgorithm algorithm;
            if (config.Algo == "ppo")
            {
                var agent = ActorCritic.Create(spec, shapes);
                if (device.type != DeviceType.CPU) agent.to(device);
                LoadNetwork(agent, layout, resumed);
                var ppo = new Ppo(config.Ppo, envs, agent, normalizer, device, config.TotalSteps, config.Seed);
                if (resumed != null) ppo.RestoreCounters(resumed.GlobalStep, resumed.Updates);
                network = agent;
                algorithm = ppo;
            }
            else
            {
                var q = QNetwork.Create(spec, shapes);
                var target = QNetwork.Create(spec, shapes);
                if (device.type != DeviceType.CPU)
                {
                    q.to(device);
                    target.to(device);
                }
                LoadNetwork(q, layout, resumed);
                var dqn = new Dqn(config.Dqn, envs, q, target, normalizer, device, config.TotalSteps, config.Seed);
                if (resumed != null) dqn.RestoreCounters(resumed.GlobalStep, resumed.Updates);
                network = q;
                algorithm = dqn;
            }
            if (resumed != null) LoadOptimizer(algorithm, layout);
            return new TrainingSession(config, layout, envs, normalizer, network, algorithm, trainOptions, wrap, resumed);
        }
        catch
        {
            envs.Dispose();
            throw;
        }
    }

    public TrainingResult Run(long totalSteps, ITrainingProgress? progress, CancellationToken cancellation)
    {
        _progress = progress;
        long start = _algorithm.GlobalStep;
        if (start > 0)
        {
            // Rows written after the checkpoint belong to training that the checkpoint does not contain.
            CsvLog.TruncateAfterStep(_layout.Metrics, start);
            CsvLog.TruncateAfterStep(_layout.Episodes, start);
            CsvLog.TruncateAfterStep(_layout.Eval, start);
        }
        _episodes = new CsvLog(_layout.Episodes, new[] { "step", "env", "return", "length", "descriptor" });
        _eval = new CsvLog(_layout.Eval, new[] { "step", "seconds", "set", "descriptor", "mean_return", "std_return", "mean_length", "episodes" });
        _nextEval = _config.EvalEvery > 0 ? (start / _config.EvalEvery + 1) * _config.EvalEvery : long.MaxValue;
        _nextCheckpoint = _config.CheckpointEvery > 0 ? (start / _config.CheckpointEvery + 1) * _config.CheckpointEvery : long.MaxValue;

        _algorithm.Learn(totalSteps, this, cancellation);
        bool stopped = _algorithm.GlobalStep < totalSteps;

        WriteCheckpoint();
        if (!stopped && _lastEvaluationStep != _algorithm.GlobalStep) _lastEvaluation = Evaluate();
        SavePolicy();
        return new TrainingResult(_layout.Directory, _algorithm.GlobalStep, _secondsBefore + Seconds, _episodeCount, stopped, _lastEvaluation);
    }

    private double Seconds { get; set; }

    public void OnEpisode(long step, EpisodeRecord episode)
    {
        _episodeCount++;
        _recentReturns.Enqueue(episode.Return);
        if (_recentReturns.Count > RecentEpisodes) _recentReturns.Dequeue();
        _episodes!.Write(step, episode.EnvIndex, episode.Return, episode.Length, _envs.DescriptorSpec.Format(episode.Descriptor));
    }

    public bool OnUpdate(UpdateMetrics metrics)
    {
        Seconds = metrics.Seconds;
        double recent = _recentReturns.Count > 0 ? _recentReturns.Average() : double.NaN;
        if (_metrics == null)
        {
            var header = new List<string> { "step", "update", "seconds", "episodes", "episode_return_recent" };
            header.AddRange(metrics.Values.Select(v => v.Key));
            header.Add("rss_mb");
            _metrics = new CsvLog(_layout.Metrics, header);
        }
        var row = new List<object> { metrics.Step, metrics.Update, _secondsBefore + metrics.Seconds, _episodeCount, recent };
        row.AddRange(metrics.Values.Select(v => (object)v.Value));
        // Resident memory per update shows whether a long run leaks (tensors not disposed stay native, outside the GC).
        row.Add(Environment.WorkingSet / (1024.0 * 1024.0));
        _metrics.Write(row.ToArray());

        double speed = metrics.TryGet("steps_per_second", out double sps) ? sps : double.NaN;
        _progress?.OnProgress(new TrainingSnapshot(metrics.Step, _config.TotalSteps, _secondsBefore + metrics.Seconds, speed, _episodeCount, recent));

        if (metrics.Step >= _nextEval)
        {
            _nextEval = (metrics.Step / _config.EvalEvery + 1) * _config.EvalEvery;
            _lastEvaluation = Evaluate();
        }
        if (metrics.Step >= _nextCheckpoint)
        {
            _nextCheckpoint = (metrics.Step / _config.CheckpointEvery + 1) * _config.CheckpointEvery;
            WriteCheckpoint();
        }
        return true;
    }

    /// <summary>Deterministic policy on the training descriptors (sampled from the train ranges when randomized)
    /// and on every held-out point; the same evaluation seeds every time, so evaluations compare.</summary>
    private IReadOnlyList<EvalResult> Evaluate()
    {
        var runner = _algorithm.CreatePolicyRunner();
        int seed = 1_000_000 + _config.Seed;
        var results = new List<EvalResult> { Evaluator.Evaluate(runner, _config.Env, _trainOptions, _config.EvalEpisodes, seed, "train", _wrap) };
        for (int k = 0; k < _config.HeldOut.Count; k++)
        {
            results.Add(Evaluator.Evaluate(runner, _config.Env, EnvSetup.HeldOutOptions(_config, _config.HeldOut[k]),
                _config.EvalEpisodes, seed, $"heldout{k}", _wrap));
        }
        foreach (var r in results)
            _eval!.Write(_algorithm.GlobalStep, _secondsBefore + Seconds, r.Label, r.Descriptor, r.MeanReturn, r.StdReturn, r.MeanLength, r.Returns.Length);
        _progress?.OnEvaluation(_algorithm.GlobalStep, results);
        _lastEvaluationStep = _algorithm.GlobalStep;
        SaveIfBest(results[0]);
        return results;
    }

    private void WriteCheckpoint()
    {
        var state = new TrainerState(_algorithm.GlobalStep, _algorithm.Updates, _episodeCount, _secondsBefore + Seconds, _normalizer?.Save());
        AtomicFile.ReplaceDirectory(_layout.Checkpoint, directory =>
        {
            _network.save(Path.Combine(directory, "network.bin"));
            _algorithm.SaveState(directory);
            File.WriteAllText(Path.Combine(directory, "trainer.json"), JsonConvert.SerializeObject(state, Formatting.Indented));
        });
    }

    private void SavePolicy() => SavePolicy(_layout.Policy, _layout.Normalization);

    private void SavePolicy(string policyPath, string normalizationPath)
    {
        AtomicFile.WriteVia(policyPath, temporary =>
        {
            PolicyFile.Save(temporary, (PolicyModel)_network);
        });
        if (_normalizer != null)
            AtomicFile.WriteAllText(normalizationPath, JsonConvert.SerializeObject(_normalizer.Save(), Formatting.Indented));
    }

    /// <summary>Keeps the policy of the best evaluation on the training descriptors (SB3's best_model): value-based
    /// agents in particular can lose a good policy later in training.</summary>
    private void SaveIfBest(EvalResult train)
    {
        if (File.Exists(_layout.BestScore)
            && JsonConvert.DeserializeObject<BestScore>(File.ReadAllText(_layout.BestScore)) is { } best
            && best.MeanReturn >= train.MeanReturn)
            return;
        AtomicFile.ReplaceDirectory(_layout.Best, directory =>
        {
            SavePolicy(Path.Combine(directory, "policy.hrlp"), Path.Combine(directory, "normalization.json"));
            File.WriteAllText(Path.Combine(directory, "score.json"),
                JsonConvert.SerializeObject(new BestScore(_algorithm.GlobalStep, train.MeanReturn, train.StdReturn), Formatting.Indented));
        });
    }

    private static void LoadNetwork(nn.Module network, RunLayout layout, TrainerState? resumed)
    {
        if (resumed == null) return;
        try
        {
            network.load(layout.CheckpointNetwork);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"checkpoint '{layout.CheckpointNetwork}' is corrupt or does not match the run's policy spec ({FirstLine(e.Message)})");
        }
    }

    private static void LoadOptimizer(IAlgorithm algorithm, RunLayout layout)
    {
        try
        {
            algorithm.LoadState(layout.Checkpoint);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"checkpoint optimizer state in '{layout.Checkpoint}' is corrupt ({FirstLine(e.Message)})");
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    public void Dispose()
    {
        _metrics?.Dispose();
        _episodes?.Dispose();
        _eval?.Dispose();
        _algorithm.Dispose();
        _envs.Dispose();
        _network.Dispose();
    }
}
