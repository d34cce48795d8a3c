namespace HyperRL.Agents.Runs;

/// <summary>
/// The files of a run directory:
/// <code>
/// runs/NAME/config.json           resolved configuration (everything needed to rerun or resume)
/// runs/NAME/metrics.csv           one row per update: step, time, episode statistics, algorithm diagnostics
/// runs/NAME/episodes.csv          one row per finished training episode: step, env, return, length, descriptor
/// runs/NAME/eval.csv              one row per evaluation and descriptor set (train / held-out)
/// runs/NAME/checkpoint/           latest checkpoint, replaced atomically: the algorithm's networks and optimizers,
///                                 trainer.json (counters, normalization), torch-rng.bin (torch's generator), envs.bin
///                                 (every env's and wrapper's state), ppo.bin or offpolicy.bin (generators, counters) and
///                                 replay.bin (off-policy replay buffer, unless checkpointReplay is false)
/// runs/NAME/policy.hrlp           final policy (spec + weights), loadable on its own
/// runs/NAME/normalization.json    observation/reward statistics the policy was trained with (when normalizing)
/// runs/NAME/best/                 the policy of the best evaluation so far (policy.hrlp, normalization, score.json)
/// runs/NAME/tb/                   TensorBoard event files: the CSV rows as series and the config as text, one file per session
/// </code>
/// </summary>
public sealed record RunLayout(string Directory)
{
    public const string PolicyFileName = "policy.hrlp";
    public const string NormalizationFile = "normalization.json";
    public const string TrainerStateFile = "trainer.json";
    public const string BestScoreFile = "score.json";
    public const string TorchGeneratorFile = "torch-rng.bin";
    public const string EnvStateFile = "envs.bin";

    public string Config => Path.Combine(Directory, "config.json");
    public string Metrics => Path.Combine(Directory, "metrics.csv");
    public string Episodes => Path.Combine(Directory, "episodes.csv");
    /// <summary>Remote workers joining, refusing the run and lost, one timestamped line each (runs with remote workers).</summary>
    public string WorkersLog => Path.Combine(Directory, "workers.log");
    public string Eval => Path.Combine(Directory, "eval.csv");
    public string Checkpoint => Path.Combine(Directory, "checkpoint");
    public string CheckpointTrainer => Path.Combine(Checkpoint, TrainerStateFile);
    public string Policy => Path.Combine(Directory, PolicyFileName);
    public string Normalization => Path.Combine(Directory, NormalizationFile);
    public string Best => Path.Combine(Directory, "best");
    public string BestScore => Path.Combine(Best, BestScoreFile);
    public string TensorBoard => Path.Combine(Directory, "tb");

    public static RunLayout Existing(string directory)
    {
        var layout = new RunLayout(directory);
        if (!System.IO.Directory.Exists(directory)) throw new DirectoryNotFoundException($"run directory '{directory}' does not exist");
        if (!File.Exists(layout.Config)) throw new InvalidOperationException($"'{directory}' is not a HyperRL run: it has no config.json");
        return layout;
    }
}
