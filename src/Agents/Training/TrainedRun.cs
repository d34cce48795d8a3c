using HyperRL.Agents.Config;
using HyperRL.Envs.Core;
using HyperRL.Envs.Registry;
using HyperRL.Envs.Vector;
using HyperRL.HyperPolicy;
using Newtonsoft.Json;
using static TorchSharp.torch;

namespace HyperRL.Agents.Training;

/// <summary>
/// A finished (or checkpointed) run loaded for acting: its config, its deterministic policy and the normalization it
/// trained with. Used by evaluation and rendering.
/// </summary>
public sealed class TrainedRun : IDisposable
{
    private readonly nn.Module _network;

    private TrainedRun(string directory, TrainConfig config, nn.Module network, IPolicyRunner policy)
    {
        Directory = directory;
        Config = config;
        _network = network;
        Policy = policy;
    }

    public string Directory { get; }
    public TrainConfig Config { get; }
    public IPolicyRunner Policy { get; }

    /// <param name="best">The policy of the run's best evaluation (<c>best/</c>) instead of the final one.</param>
    public static TrainedRun Load(string runDirectory, bool best = false)
    {
        var layout = RunLayout.Existing(runDirectory);
        var config = ConfigReader.FromJObject(ConfigReader.ParseObject(File.ReadAllText(layout.Config), layout.Config), layout.Config);
        string policyFile = best ? Path.Combine(layout.Best, "policy.hrlp") : layout.Policy;
        if (!File.Exists(policyFile))
            throw new InvalidOperationException(best
                ? $"run '{runDirectory}' has no best policy yet (no evaluation has finished)"
                : $"run '{runDirectory}' has no policy.hrlp yet (training still running or stopped before the end)");
        VecNormalize? normalizer = null;
        string normalizationFile = best ? Path.Combine(layout.Best, "normalization.json") : layout.Normalization;
        if (File.Exists(normalizationFile))
        {
            var state = JsonConvert.DeserializeObject<VecNormalizeState>(File.ReadAllText(normalizationFile))
                        ?? throw new InvalidOperationException($"'{normalizationFile}' is empty");
            normalizer = new VecNormalize(1, EnvRegistry.Make(config.Env, new EnvOptions { Continuous = config.Continuous }).ObservationSize,
                state.Observations != null, state.Returns != null) { Training = false };
            normalizer.Load(state);
        }
        var device = TorchDevices.Resolve("cpu");
        var header = PolicyFile.ReadHeader(policyFile);
        if (header.Model == ActorCritic.KindName)
        {
            var agent = (ActorCritic)PolicyFile.Load(policyFile, ActorCritic.KindName);
            return new TrainedRun(runDirectory, config, agent, new ActorCriticRunner(agent, normalizer));
        }
        var q = (QNetwork)PolicyFile.Load(policyFile, QNetwork.KindName);
        return new TrainedRun(runDirectory, config, q, new QNetworkRunner(q, normalizer));
    }

    /// <summary>Env options for acting: the run's fixed parameters, overridden by <paramref name="descriptor"/>;
    /// with no override and a randomized run, the training distribution.</summary>
    public EnvOptions EnvOptions(IReadOnlyDictionary<string, double>? descriptor = null)
    {
        var training = EnvSetup.TrainingOptions(Config);
        if (descriptor == null || descriptor.Count == 0) return training;
        return EnvSetup.HeldOutOptions(Config, descriptor);
    }

    /// <summary>A single env as the policy saw it in training (continuous actions clipped into the box).</summary>
    public Env MakeEnv(EnvOptions options)
    {
        var env = EnvRegistry.Make(Config.Env, options);
        return EnvSetup.Wrapper(env) is { } wrap ? wrap(env) : env;
    }

    public Func<Env, Env>? Wrapper => EnvSetup.Wrapper(EnvRegistry.Make(Config.Env, new EnvOptions { Continuous = Config.Continuous }));

    public void Dispose() => _network.Dispose();
}
