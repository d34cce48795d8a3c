using HyperRL.Agents.Algorithms;
using HyperRL.Agents.Config;
using HyperRL.Agents.Environments;
using HyperRL.Agents.Runs;
using HyperRL.Envs.Core;
using HyperRL.HyperPolicy;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Training;

/// <summary>
/// A finished (or checkpointed) run loaded for acting: its config, its policy and the observation statistics it
/// trained with. Used by evaluation and rendering.
/// </summary>
public sealed class TrainedRun : IDisposable
{
    private TrainedRun(string directory, TrainConfig config, PolicyModel model, NormalizationState? normalization)
    {
        Directory = directory;
        Config = config;
        Model = model;
        Normalization = normalization;
    }

    public string Directory { get; }
    public TrainConfig Config { get; }
    public PolicyModel Model { get; }
    public NormalizationState? Normalization { get; }

    /// <param name="runDirectory">A run directory, or a standalone policy file written by <see cref="SaveStandalone"/>.</param>
    /// <param name="best">The policy of the run's best evaluation (<c>best/</c>) instead of the final one.</param>
    public static TrainedRun Load(string runDirectory, bool best = false)
    {
        if (File.Exists(runDirectory)) return best ? throw new ArgumentException($"'{runDirectory}' is a policy file; --best applies to run directories") : LoadStandalone(runDirectory);
        var layout = RunLayout.Existing(runDirectory);
        var config = ConfigReader.Load(layout.Config);
        ConfigValidation.Check(config);
        string folder = best ? layout.Best : layout.Directory;
        string policyFile = Path.Combine(folder, RunLayout.PolicyFileName);
        if (!File.Exists(policyFile))
            throw new InvalidOperationException(best
                ? $"run '{runDirectory}' has no best policy yet (no evaluation has finished)"
                : $"run '{runDirectory}' has no policy.hrlp yet (training still running or stopped before the end)");
        string normalizationFile = Path.Combine(folder, RunLayout.NormalizationFile);
        NormalizationState? normalization = null;
        if (File.Exists(normalizationFile))
        {
            try
            {
                normalization = JsonConvert.DeserializeObject<NormalizationState>(File.ReadAllText(normalizationFile))
                                ?? throw new InvalidDataException($"'{normalizationFile}' is empty");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"'{normalizationFile}' is not valid normalization statistics ({e.Message})");
            }
        }
        if (config.NormalizeObservations && normalization?.Observations == null)
            throw new InvalidDataException($"run '{runDirectory}' trained on normalized observations but '{normalizationFile}' has no statistics");
        return new TrainedRun(runDirectory, config, LoadModel(policyFile, config), normalization);
    }

    /// <summary>The policy of <paramref name="policyFile"/>, which must fit the env the config names: a config edited to
    /// another env is refused, not played.</summary>
    private static PolicyModel LoadModel(string policyFile, TrainConfig config) =>
        PolicyFile.Load(policyFile, AlgorithmRegistry.Get(config.Algo).PolicyModelKind, EnvSetup.Shapes(config), EnvSetup.Environment(config));

    private const string ContextConfig = "config";
    private const string ContextNormalization = "normalization";

    /// <summary>
    /// The policy as one file that acts on its own: the weights, and in the header's context the run's config (its
    /// policy spec the file's own) and observation statistics, which <see cref="Load"/> reads back. Written in one
    /// replace.
    /// </summary>
    public void SaveStandalone(string path)
    {
        var context = new JObject { [ContextConfig] = ConfigReader.ToJObject(Config) };
        if (Normalization is not null) context[ContextNormalization] = JObject.FromObject(Normalization);
        AtomicFile.WriteVia(path, temporary => PolicyFile.Save(temporary, Model, EnvSetup.Environment(Config), context));
    }

    private static TrainedRun LoadStandalone(string path)
    {
        var header = PolicyFile.ReadHeader(path);
        var context = header.Context?[ContextConfig] as JObject
                      ?? throw new InvalidDataException($"policy file '{path}' holds no run config to act with; write one with 'hyperrl export RUN --format hrlp'");
        var config = ConfigReader.FromJObject(context, path);
        ConfigValidation.Check(config);
        NormalizationState? normalization;
        try
        {
            normalization = header.Context![ContextNormalization]?.ToObject<NormalizationState>();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"policy file '{path}' holds invalid normalization statistics ({e.Message})");
        }
        if (config.NormalizeObservations && normalization?.Observations == null)
            throw new InvalidDataException($"policy file '{path}' was trained on normalized observations but holds no statistics");
        return new TrainedRun(Path.GetDirectoryName(Path.GetFullPath(path))!, config, LoadModel(path, config), normalization);
    }

    /// <summary>
    /// This run's actor-critic as plain MLPs for one raw descriptor and, with an architecture space, one architecture
    /// (null: the space's default): a run of its own whose config names the plain spec (see <see cref="ActorCritic.ToPlain"/>).
    /// </summary>
    public TrainedRun Specialize(float[] descriptor, int? architecture)
    {
        if (Model is not ActorCritic policy)
            throw new InvalidOperationException($"a plain policy is written for PPO's actor-critics; this run's model is a {Model.Kind}");
        var plain = policy.ToPlain(descriptor, architecture);
        var algorithm = Config.Algorithm is Algorithms.Ppo.PpoConfig ppo ? ppo with { MetaBatch = null } : Config.Algorithm;
        return new TrainedRun(Directory, Config with { Policy = plain.Spec, Algorithm = algorithm }, plain, Normalization);
    }

    /// <summary>Env options for acting: the run's fixed parameters, overridden by <paramref name="descriptor"/>;
    /// with no override and a randomized run, the training distribution.</summary>
    public EnvOptions EnvOptions(IReadOnlyDictionary<string, double>? descriptor = null) =>
        descriptor == null || descriptor.Count == 0 ? EnvSetup.TrainingOptions(Config) : EnvSetup.FixedOptions(Config, descriptor);

    /// <summary>Returns of the deterministic policy over <paramref name="episodes"/> episodes (seeds seed..seed+N-1).</summary>
    public EvalResult Evaluate(EnvOptions options, int episodes, int seed, string label) =>
        Evaluator.Evaluate(Model.CreateDeterministicPolicy(), Config, options, Normalization, episodes, seed, label);

    public void Dispose() => Model.Dispose();
}
