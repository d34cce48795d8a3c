using HyperRL.Agents.Config;
using HyperRL.HyperPolicy;
using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Algorithms;

/// <summary>
/// Base of the packages: turns the untyped <see cref="IAlgorithmPackage"/> calls into calls with the package's own
/// config record, so each package works with its typed hyperparameters only.
/// </summary>
public abstract class AlgorithmPackage<TConfig> : IAlgorithmPackage where TConfig : AlgorithmConfig, new()
{
    public abstract string Name { get; }

    public abstract string Summary { get; }

    public abstract string PolicyModelKind { get; }

    public virtual bool HasFusedBackend => false;

    public virtual bool HasRemoteWorkers => false;

    public Distributed.IRolloutWorker CreateRolloutWorker(TrainConfig config, int workerIndex) =>
        CreateRolloutWorker(config, Typed(config.Algorithm), workerIndex);

    protected virtual Distributed.IRolloutWorker CreateRolloutWorker(TrainConfig config, TConfig hyperparameters, int workerIndex) =>
        throw new NotSupportedException($"{Name} has no remote rollout workers");

    public virtual IReadOnlyList<string> PresetNames { get; } = [Presets.Presets.Default];

    public TrainConfig Preset(string envId, string preset = Presets.Presets.Default)
    {
        if (!PresetNames.Contains(preset))
            throw new ConfigException($"{Name} has no preset '{preset}'; its presets: {string.Join(", ", PresetNames)}");
        return PresetFor(envId, preset) with { Preset = preset };
    }

    /// <summary>The preset named <paramref name="preset"/> (one of <see cref="PresetNames"/>) for an env.</summary>
    protected abstract TrainConfig PresetFor(string envId, string preset);

    public AlgorithmConfig ReadConfig(JObject section, string source) => ConfigJson.Read<TConfig>(section, Name, source);

    public JObject WriteConfig(AlgorithmConfig config) => ConfigJson.Write(Typed(config));

    public void Validate(TrainConfig config, PolicyShapes shapes) => Validate(config, Typed(config.Algorithm), shapes);

    public IAlgorithm Create(AlgorithmContext context) => Create(context, Typed(context.Config.Algorithm));

    public long StepsTaken(TrainConfig config) => RoundUp(config.TotalSteps, StepsPerIteration(config, Typed(config.Algorithm)));

    /// <summary>The env steps one iteration of the algorithm's loop takes (one step of every env by default).</summary>
    protected virtual long StepsPerIteration(TrainConfig config, TConfig hyperparameters) => config.NumEnvs;

    private static long RoundUp(long steps, long unit) => (steps + unit - 1) / unit * unit;

    protected abstract void Validate(TrainConfig config, TConfig hyperparameters, PolicyShapes shapes);

    protected abstract IAlgorithm Create(AlgorithmContext context, TConfig hyperparameters);

    /// <summary>A baseline config for <paramref name="envId"/> with this algorithm's default hyperparameters.</summary>
    protected TrainConfig Baseline(string envId, PolicySpec policy) => new() { Env = envId, Algorithm = new TConfig(), Policy = policy };

    private TConfig Typed(AlgorithmConfig config) =>
        config as TConfig ?? throw new ConfigException($"the '{config.AlgorithmName}' section cannot configure algo '{Name}'");
}
