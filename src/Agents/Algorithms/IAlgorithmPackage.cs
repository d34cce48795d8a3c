using HyperRL.Agents.Config;
using HyperRL.HyperPolicy;
using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Algorithms;

/// <summary>
/// Everything the toolkit knows about one algorithm, in one place: its config section, presets, validation, how it
/// builds its networks and optimizers, and the model kind of the policy file it writes. The trainer, the config
/// reader and the command line ask the <see cref="AlgorithmRegistry"/> for a package instead of switching on names.
/// </summary>
public interface IAlgorithmPackage
{
    /// <summary>Registry name, also the key of its config section ("ppo").</summary>
    string Name { get; }

    /// <summary>One line for help texts.</summary>
    string Summary { get; }

    /// <summary>The model kind of the policy files its runs write (<see cref="PolicyModel.Kind"/>).</summary>
    string PolicyModelKind { get; }

    /// <summary>Whether backend "fused" can compute this algorithm's gradient steps (see <see cref="Training.TrainingBackends"/>).</summary>
    bool HasFusedBackend { get; }

    /// <summary>Whether its rollouts can come from remote workers (<see cref="TrainConfig.RemoteWorkers"/>).</summary>
    bool HasRemoteWorkers { get; }

    /// <summary>The worker side of a remote rollout (see <see cref="HasRemoteWorkers"/>): worker
    /// <paramref name="workerIndex"/>'s envs and acting copy of the policy for a run of <paramref name="config"/>.</summary>
    Distributed.IRolloutWorker CreateRolloutWorker(TrainConfig config, int workerIndex);

    /// <summary>The names <see cref="Preset"/> takes: <see cref="Presets.Presets.Default"/> first, then the package's
    /// own variants (DQN's "rainbow").</summary>
    IReadOnlyList<string> PresetNames { get; }

    /// <summary>The tuned settings for an env (RL Baselines3 Zoo's where it has an entry), else defaults; an unknown
    /// <paramref name="preset"/> is a <see cref="ConfigException"/> that lists the known ones.</summary>
    TrainConfig Preset(string envId, string preset = Presets.Presets.Default);

    AlgorithmConfig ReadConfig(JObject section, string source);

    JObject WriteConfig(AlgorithmConfig config);

    /// <summary>The algorithm's own checks of a whole config against the env's shapes; throws <see cref="ConfigException"/>.</summary>
    void Validate(TrainConfig config, PolicyShapes shapes);

    /// <summary>The env steps a run of <paramref name="config"/> takes: its budget rounded up to whole env steps or rollouts.</summary>
    long StepsTaken(TrainConfig config);

    /// <summary>Builds the networks, optimizers and buffers for a run.</summary>
    IAlgorithm Create(AlgorithmContext context);
}
