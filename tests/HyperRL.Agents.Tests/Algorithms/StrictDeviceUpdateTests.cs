using HyperRL.Agents.Algorithms;
using HyperRL.Agents.Algorithms.Dqn;
using HyperRL.Agents.Algorithms.Ppo;
using HyperRL.Agents.Config;
using HyperRL.Agents.Environments;
using HyperRL.Agents.OffPolicy;
using HyperRL.Agents.Training;
using HyperRL.Envs.Vector.Wrappers;
using HyperRL.HyperPolicy;
using HyperRL.HyperPolicy.Tests;
using static TorchSharp.torch;

namespace HyperRL.Agents.Tests.Algorithms;

/// <summary>
/// Every algorithm's updates create their tensors on the module's device: a short run of each registered algorithm,
/// for each conditioning scheme, with shared and per-episode descriptors, learns with <see cref="StrictDevice"/> as the
/// default device. A tensor created without a device would land there and turn what it touches into meta tensors
/// (whose logged values are NaN) or make the op throw, as mixing devices does on CUDA.
/// </summary>
public sealed class StrictDeviceUpdateTests
{
    /// <summary>Each algorithm on the envs whose actions it takes (discrete CartPole, continuous Pendulum).</summary>
    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var package in AlgorithmRegistry.All)
        foreach (string env in new[] { "CartPole-v1", "Pendulum-v1" }.Where(env => Acts(package.Name, env)))
        foreach (var conditioning in Enum.GetValues<ConditioningKind>())
        foreach (bool randomized in new[] { false, true })
            yield return new TestCaseData(package.Name, env, conditioning, randomized, null, false).SetName($"{package.Name} {env} {conditioning} randomized={randomized}");
        // 'hyper + concat' (hyper.concatInput): the descriptor also reaches the main networks' input.
        foreach (var package in AlgorithmRegistry.All)
        foreach (string env in new[] { "CartPole-v1", "Pendulum-v1" }.Where(env => Acts(package.Name, env)))
            yield return new TestCaseData(package.Name, env, ConditioningKind.Hyper, true, null, true).SetName($"{package.Name} {env} Hyper concatInput randomized=True");
        // DQN's distributional heads and noisy layers (their losses, supports and noise draws create tensors too).
        foreach (var variant in new[] { "qr noisy", "c51" })
        foreach (var conditioning in Enum.GetValues<ConditioningKind>())
            yield return new TestCaseData("dqn", "CartPole-v1", conditioning, true, variant, false).SetName($"dqn {variant} CartPole-v1 {conditioning} randomized=True");
    }

    private static bool Acts(string algo, string env)
    {
        try
        {
            ConfigValidation.Check(AlgorithmRegistry.Get(algo).Preset(env));
            return true;
        }
        catch (ConfigException e) when (e.Message.Contains("actions"))
        {
            return false;
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void UpdatesRunWithEveryTensorOnTheModulesDevice(string algo, string env, ConditioningKind conditioning, bool randomized, string? dqnVariant,
        bool concatInput)
    {
        var config = SmallRun(AlgorithmRegistry.Get(algo).Preset(env), conditioning, randomized);
        if (concatInput) config = config with { Policy = config.Policy with { Hyper = config.Policy.Hyper with { ConcatInput = true } } };
        if (dqnVariant is not null)
            config = config with
            {
                Algorithm = (DqnConfig)config.Algorithm with
                {
                    Distributional = dqnVariant.Split(' ')[0], Quantiles = 5, Atoms = 7, Noisy = dqnVariant.Contains("noisy"),
                },
            };
        ConfigValidation.Check(config);
        using var pipeline = EnvPipeline.ForTraining(config, EnvSetup.TrainingOptions(config));
        pipeline.Envs.Reset(config.Seed);
        var shapes = EnvSetup.Shapes(EnvSetup.Probe(config));
        using var algorithm = AlgorithmRegistry.Get(algo).Create(new AlgorithmContext(config, pipeline, shapes, CPU));
        var before = algorithm.Policy.parameters().Select(p => p.detach().clone()).ToList();
        var observer = new MetricsObserver();

        using (StrictDevice.AsDefault()) algorithm.Learn(config.TotalSteps, observer, CancellationToken.None);

        Assert.That(algorithm.Updates, Is.GreaterThan(0));
        Assert.That(observer.Rows, Is.Not.Empty);
        foreach (var row in observer.Rows)
        foreach (var (name, value) in row.Values)
            Assert.That(double.IsNaN(value), Is.False, $"{name} at step {row.Step} is NaN: a meta tensor reached the update ({StrictDevice.Explanation})");
        Assert.That(algorithm.Policy.parameters().Zip(before).Any(pair => !pair.First.allclose(pair.Second, rtol: 0, atol: 0)), Is.True, "the policy learned");
        foreach (var parameter in algorithm.Policy.parameters()) Assert.That(parameter.device_type, Is.EqualTo(TorchSharp.DeviceType.CPU));
        foreach (var parameter in before) parameter.Dispose();
    }

    /// <summary>A preset cut down to a few updates of a small network.</summary>
    private static TrainConfig SmallRun(TrainConfig preset, ConditioningKind conditioning, bool randomized)
    {
        var algorithm = preset.Algorithm switch
        {
            PpoConfig ppo => ppo with { NumSteps = 32, MinibatchSize = 32, UpdateEpochs = 2 },
            OffPolicyConfig offPolicy => offPolicy with { LearningStarts = 64, BatchSize = 16, TrainFrequency = 16, GradientSteps = 2 },
            var other => other,
        };
        var randomize = new Dictionary<string, string>();
        if (randomized) randomize[preset.Env == "CartPole-v1" ? "pole_length" : "m"] = "0.5:1.5";
        return preset with
        {
            TotalSteps = 1200, NumEnvs = 2, Workers = 1, EvalEvery = 0, Algorithm = algorithm, Randomize = randomize,
            Policy = preset.Policy with
            {
                Conditioning = conditioning, Hidden = [16, 16],
                Hyper = preset.Policy.Hyper with { Embedding = 4, EncoderHidden = [8] },
            },
        };
    }

    private sealed class MetricsObserver : ITrainingObserver
    {
        public List<UpdateMetrics> Rows { get; } = [];

        public void OnEpisode(long step, EpisodeRecord episode)
        {
        }

        public void OnUpdate(UpdateMetrics metrics) => Rows.Add(metrics);
    }
}
