using HyperRL.Agents.Algorithms;
using HyperRL.Agents.Config;
using HyperRL.Agents.Distributed;
using HyperRL.Agents.Distributed.Protocol;
using HyperRL.Agents.Environments;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Runs.TensorBoard;
using HyperRL.Envs.Core;
using HyperRL.Envs.Vector.Wrappers;
using HyperRL.HyperPolicy;
using Newtonsoft.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Training;

/// <summary>
/// One training process: a run's env pipeline and algorithm, and the files it writes (logs, evaluations,
/// checkpoints, the final and the best policy). Knows nothing of any particular algorithm.
/// </summary>
internal sealed class TrainingSession : ITrainingObserver, IDisposable
{
    private const int RecentEpisodes = 20;
    private readonly TrainConfig _config;
    private readonly RunLayout _layout;
    private readonly EnvPipeline _envs;
    private readonly IAlgorithm _algorithm;
    private readonly EnvOptions _trainOptions;
    private readonly Queue<double> _recentReturns = new();
    private readonly double _secondsBefore;
    private RunLog? _log;
    private ITrainingProgress? _progress;
    private long _nextEval;
    private long _nextCheckpoint;
    private int _episodeCount;
    private double _seconds;
    private IReadOnlyList<EvalResult> _lastEvaluation = [];
    private long _lastEvaluationStep = -1;
    private long _lastCheckpointStep = -1;
    private readonly IReadOnlyList<string> _resumeNotes;
    private readonly RemoteWorkerPool? _workers;

    private TrainingSession(TrainConfig config, RunLayout layout, EnvPipeline envs, IAlgorithm algorithm, EnvOptions trainOptions, TrainerState? resumed,
        RemoteWorkerPool? workers)
    {
        _workers = workers;
        _resumeNotes = resumed is null ? [] : [ResumeNote(resumed)];
        _config = config;
        _layout = layout;
        _envs = envs;
        _algorithm = algorithm;
        _trainOptions = trainOptions;
        _episodeCount = resumed?.Episodes ?? 0;
        _secondsBefore = resumed?.Seconds ?? 0;
        _lastCheckpointStep = resumed?.GlobalStep ?? -1;
        foreach (double recent in resumed?.RecentReturns ?? []) _recentReturns.Enqueue(recent);
    }

    /// <param name="workers">With <see cref="TrainConfig.RemoteWorkers"/>: the pool to use (tests pass one of a test
    /// cluster); null starts this process's learner silo in the config's cluster.</param>
    public static TrainingSession Create(TrainConfig config, RunLayout layout, TrainerState? resumed, RemoteWorkerPool? workers = null,
        Action<string>? notice = null, CancellationToken cancellation = default)
    {
        var package = AlgorithmRegistry.Get(config.Algo);
        var device = TorchDevices.Resolve(config.Device);
        torch.set_num_threads(config.TorchThreads);
        bool exact = resumed?.StateFormat == TrainerState.CurrentStateFormat;
        if (resumed?.StateFormat is int format && !exact)
            throw new InvalidOperationException($"checkpoint of '{layout.Directory}' has state format {format}; this build reads {TrainerState.CurrentStateFormat}");
        bool envStateSaved = exact && resumed!.EnvState;
        // Without saved env state a resumed segment starts new episodes, which should not replay the first segment's.
        int seed = envStateSaved ? config.Seed : RunSeeds.Segment(config.Seed, resumed?.Updates);
        torch.manual_seed(seed);

        var trainOptions = EnvSetup.TrainingOptions(config);
        var shapes = EnvSetup.Shapes(config, EnvSetup.Probe(config, trainOptions));
        var envs = EnvPipeline.ForTraining(config, trainOptions);
        IAlgorithm? algorithm = null;
        try
        {
            if (config.RemoteWorkers > 0)
            {
                // Joins and losses of workers also go to the run's workers.log: a quiet run keeps them too.
                void ToFile(string line) => File.AppendAllText(layout.WorkersLog, $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {line}\n");
                if (workers is null)
                    workers = LearnerSilo.Start(ClusterSettings.Resolve(config.Cluster), line => { notice?.Invoke(line); ToFile(line); }, cancellation);
                else
                {
                    var toCaller = workers.Log;
                    workers.Log = line => { toCaller(line); ToFile(line); };
                }
                // A resumed segment's workers start new episodes (their envs were not saved): seeds of the segment's own.
                var segment = config with { Seed = RunSeeds.Segment(config.Seed, resumed?.Updates) };
                workers.Start(ConfigReader.ToJson(segment), WorkerShapes.Of(config, shapes), config.RemoteWorkers, cancellation);
            }
            else workers = null;
            if (resumed != null) envs.LoadNormalization(resumed.Normalization);
            // A reset would also move the observation statistics: restored envs continue where they stopped instead.
            if (envStateSaved) CheckpointBinary.Read(layout.Checkpoint, RunLayout.EnvStateFile, envs.Envs.LoadState);
            else envs.Envs.Reset(seed);
            algorithm = package.Create(new AlgorithmContext(config, envs, shapes, device, workers));
            if (resumed != null) algorithm.LoadState(layout.Checkpoint, resumed.GlobalStep, resumed.Updates, exact);
            // Last: building the networks drew from torch's generator.
            if (exact) CheckpointBinary.Read(layout.Checkpoint, RunLayout.TorchGeneratorFile, TorchGenerator.Load);
            return new TrainingSession(config, layout, envs, algorithm, trainOptions, resumed, workers);
        }
        catch
        {
            algorithm?.Dispose();
            envs.Dispose();
            workers?.Dispose();
            throw;
        }
    }

    /// <summary>The line a resume prints: exact, or what it could not restore.</summary>
    private static string ResumeNote(TrainerState resumed)
    {
        string from = $"resumed from the checkpoint of step {resumed.GlobalStep:N0}";
        if (resumed.StateFormat is null)
            return $"{from}, not exactly: the checkpoint predates exact resume (new episodes, fresh generators, an empty replay buffer)";
        return resumed.NotExact is { Length: > 0 } missing
            ? $"{from}, not exactly: it does not hold {string.Join("; ", missing)}"
            : $"{from}, exactly (envs, generators and replay as they were)";
    }

    /// <summary>What a checkpoint of this session cannot hold, in words (trainer.json and the resume line).</summary>
    private string[] NotExact()
    {
        var missing = new List<string>(_algorithm.StateLeftOut);
        if (_workers is not null) missing.Add("the remote workers' envs and samplers (they live in the worker processes): a resumed run starts new episodes there");
        else if (!_envs.Envs.SupportsStateSnapshot) missing.Add($"{_config.Env}'s env state (it cannot be saved): new episodes start");
        if (TorchDevices.Resolve(_config.Device).type != DeviceType.CPU) missing.Add("torch's CUDA generator: its draws restart");
        return missing.ToArray();
    }

    public TrainingResult Run(long totalSteps, ITrainingProgress? progress, CancellationToken cancellation)
    {
        _progress = progress;
        long start = _algorithm.GlobalStep;
        // Rows written after the checkpoint belong to training that the checkpoint does not contain.
        if (start > 0) RunLog.TruncateAfterStep(_layout, start);
        // The config as this session runs it (a resume may have extended the budget); Trainer wrote it before Run.
        _log = new RunLog(_layout, _envs.Envs.DescriptorSpec,
            _config.Tensorboard ? TensorBoardLog.Open(_layout.TensorBoard, File.ReadAllText(_layout.Config)) : null);
        _nextEval = NextMultiple(start, _config.EvalEvery);
        _nextCheckpoint = NextMultiple(start, _config.CheckpointEvery);

        try
        {
            _algorithm.Learn(totalSteps, this, cancellation);
        }
        catch (TrainingDivergedException e)
        {
            string kept = _lastCheckpointStep >= 0 ? $"the checkpoint of step {_lastCheckpointStep}" : "no checkpoint";
            throw new TrainingDivergedException($"training diverged: {e.Message}; nothing of it was saved ({kept}, best/ unchanged)");
        }
        bool stopped = _algorithm.GlobalStep < totalSteps;

        WriteCheckpoint();
        if (!stopped && _lastEvaluationStep != _algorithm.GlobalStep) _lastEvaluation = Evaluate();
        SavePolicy(_layout.Policy, _layout.Normalization);
        return new TrainingResult(_layout.Directory, _algorithm.GlobalStep, _secondsBefore + _seconds, _episodeCount, stopped, _lastEvaluation,
            _lastEvaluationStep, _resumeNotes, _algorithm.Backend);
    }

    private static long NextMultiple(long step, long every) => every > 0 ? (step / every + 1) * every : long.MaxValue;

    public void OnEpisode(long step, EpisodeRecord episode)
    {
        _episodeCount++;
        _recentReturns.Enqueue(episode.Return);
        if (_recentReturns.Count > RecentEpisodes) _recentReturns.Dequeue();
        _log!.Write(new EpisodeRow(step, episode.EnvIndex, episode.Return, episode.Length, episode.Truncated, ToDoubles(episode.Descriptor)));
    }

    public void OnUpdate(UpdateMetrics metrics)
    {
        _seconds = metrics.Seconds;
        double recent = _recentReturns.Count > 0 ? _recentReturns.Average() : double.NaN;
        // Resident memory per update shows whether a long run leaks (tensors not disposed stay native, outside the GC).
        _log!.Write(new MetricsRow(metrics.Step, metrics.Update, _secondsBefore + metrics.Seconds, _episodeCount, recent, metrics.Values,
            Environment.WorkingSet / (1024.0 * 1024.0)));

        double speed = metrics.TryGet("steps_per_second", out double sps) ? sps : double.NaN;
        _progress?.OnProgress(new TrainingSnapshot(metrics.Step, _config.TotalSteps, _secondsBefore + metrics.Seconds, speed, _episodeCount, recent));

        if (metrics.Step >= _nextEval)
        {
            _nextEval = NextMultiple(metrics.Step, _config.EvalEvery);
            _lastEvaluation = Evaluate();
        }
        if (metrics.Step >= _nextCheckpoint)
        {
            _nextCheckpoint = NextMultiple(metrics.Step, _config.CheckpointEvery);
            WriteCheckpoint();
        }
    }

    /// <summary>Deterministic policy on the training descriptors (sampled from the train ranges when randomized)
    /// and on every held-out point; the same evaluation seeds every time, so evaluations compare.</summary>
    private IReadOnlyList<EvalResult> Evaluate()
    {
        var policy = _algorithm.Policy.CreateDeterministicPolicy();
        var normalization = _envs.SaveNormalization();
        int seed = RunSeeds.Evaluation(_config.Seed);
        var results = new List<EvalResult>
        {
            Evaluator.Evaluate(policy, _config, _trainOptions, normalization, _config.EvalEpisodes, seed, RunColumns.TrainSet),
        };
        for (int k = 0; k < _config.HeldOut.Count; k++)
        {
            results.Add(Evaluator.Evaluate(policy, _config, EnvSetup.FixedOptions(_config, _config.HeldOut[k]), normalization,
                _config.EvalEpisodes, seed, RunColumns.HeldOutSet(k)));
        }
        foreach (var r in results)
            _log!.Write(new EvalRow(_algorithm.GlobalStep, _secondsBefore + _seconds, r.Label, r.MeanReturn, r.StdReturn, r.MeanLength,
                r.Returns.Length, r.TerminatedFraction, r.Descriptor is null ? null : ToDoubles(r.Descriptor)));
        _progress?.OnEvaluation(_algorithm.GlobalStep, results);
        _lastEvaluationStep = _algorithm.GlobalStep;
        SaveIfBest(results[0]);
        return results;
    }

    private void WriteCheckpoint()
    {
        bool envState = _envs.Envs.SupportsStateSnapshot;
        var state = new TrainerState(_algorithm.GlobalStep, _algorithm.Updates, _episodeCount, _secondsBefore + _seconds, _envs.SaveNormalization(),
            _recentReturns.ToArray(), _config.Env, TrainerState.CurrentStateFormat, envState, NotExact());
        AtomicFile.ReplaceDirectory(_layout.Checkpoint, directory =>
        {
            _algorithm.SaveState(directory);
            CheckpointBinary.Write(Path.Combine(directory, RunLayout.TorchGeneratorFile), TorchGenerator.Save);
            if (envState) CheckpointBinary.Write(Path.Combine(directory, RunLayout.EnvStateFile), _envs.Envs.SaveState);
            File.WriteAllText(Path.Combine(directory, RunLayout.TrainerStateFile), JsonConvert.SerializeObject(state, Formatting.Indented));
        });
        _lastCheckpointStep = _algorithm.GlobalStep;
    }

    private void SavePolicy(string policyPath, string normalizationPath)
    {
        AtomicFile.WriteVia(policyPath, temporary => PolicyFile.Save(temporary, _algorithm.Policy, EnvSetup.Environment(_config)));
        if (_envs.SaveNormalization() is { } normalization)
            AtomicFile.WriteAllText(normalizationPath, JsonConvert.SerializeObject(normalization, Formatting.Indented));
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
            SavePolicy(Path.Combine(directory, RunLayout.PolicyFileName), Path.Combine(directory, RunLayout.NormalizationFile));
            File.WriteAllText(Path.Combine(directory, RunLayout.BestScoreFile),
                JsonConvert.SerializeObject(new BestScore(_algorithm.GlobalStep, train.MeanReturn, train.StdReturn), Formatting.Indented));
        });
    }

    private static double[] ToDoubles(float[] values) => Array.ConvertAll(values, v => (double)v);

    public void Dispose()
    {
        _log?.Dispose();
        _algorithm.Dispose();
        _envs.Dispose();
        _workers?.Dispose();
    }
}
