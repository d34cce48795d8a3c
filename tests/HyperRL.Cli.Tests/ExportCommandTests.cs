using HyperRL.Agents.Environments;
using HyperRL.Agents.Training;
using HyperRL.Envs.ClassicControl;
using HyperRL.Envs.Core;
using HyperRL.HyperPolicy;
using Microsoft.ML.OnnxRuntime;

namespace HyperRL.Cli.Tests;

/// <summary>
/// <c>hyperrl export</c> end to end: tiny runs trained with normalized observations, exported, and the files run by
/// ONNX Runtime on the raw observations of the run's own evaluation envs, against the run's deterministic policy on the
/// normalized ones.
/// </summary>
public sealed class ExportCommandTests
{
    private const float Tolerance = 1e-5f;
    private const int Envs = 10;
    private const int Steps = 100;

    private static string _root = "";
    private static string _ppo = "";
    private static string _sac = "";

    [OneTimeSetUp]
    public static void TrainTinyRunsWithNormalizedObservations()
    {
        _root = Directory.CreateTempSubdirectory("hyperrl-export-").FullName;
        string config = Path.Combine(_root, "normalized.json");
        File.WriteAllText(config, """{"normalizeObservations": true}""");
        var ppo = CliRunner.Run("train", "--steps", "512", "--name", "ppo", "--out", _root, "--quiet", "--eval-every", "256", "--config", config,
            "--randomize", "pole_length=0.3:1.5");
        Assert.That(ppo.ExitCode, Is.EqualTo(0), ppo.Error);
        var sac = CliRunner.Run("train", "--algo", "sac", "--env", "Pendulum-v1", "--steps", "300", "--name", "sac", "--out", _root, "--quiet",
            "--config", config);
        Assert.That(sac.ExitCode, Is.EqualTo(0), sac.Error);
        (_ppo, _sac) = (Path.Combine(_root, "ppo"), Path.Combine(_root, "sac"));
    }

    [OneTimeTearDown]
    public static void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void AFixedDescriptorGraphActsAsTheRunOnRawObservations()
    {
        string file = Path.Combine(_root, "long-pole.onnx");
        var result = CliRunner.Run("export", _ppo, "--format", "onnx", "--descriptor", "pole_length=0.9", "--out", file);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain($"wrote {file} (ONNX opset 17").And.Contain("inputs:  obs float32 [N, 4]\n")
            .And.Contain("outputs: action int64 [N]; logits float32 [N, 2]; value float32 [N]").And.Contain("pole_length=0.9")
            .And.Contain("normalization is in the graph"));

        using var run = TrainedRun.Load(_ppo);
        Assert.That(run.Normalization?.Observations, Is.Not.Null, "the run normalizes observations, so the prefix is exercised");
        var rows = Collect(run, run.EnvOptions(new Dictionary<string, double> { ["pole_length"] = 0.9 }));
        Assert.That(rows.Descriptors.Distinct().Order(), Is.EqualTo(new[] { 0.9f, 0.1f, 1f, 9.8f, 10f }.Order()), "one descriptor");
        var outputs = RunOnnx(file, rows, withDescriptor: false);
        AssertActsAsTheRun(run, rows, outputs);
    }

    [Test]
    public void WithoutADescriptorTheGraphIsForTheRunsFixedParameters()
    {
        string file = Path.Combine(_root, "default.onnx");
        var result = CliRunner.Run("export", _ppo, "--out", file);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("descriptor: gravity=9.8, cart_mass=1, pole_mass=0.1, pole_length=0.5, force_mag=10, actuator_gain=1 (fixed)"),
            "a randomized run's training setting is its fixed parameters, here the env's defaults");

        using var run = TrainedRun.Load(_ppo);
        var rows = Collect(run, run.EnvOptions(new Dictionary<string, double> { ["pole_length"] = 0.5 }));
        AssertActsAsTheRun(run, rows, RunOnnx(file, rows, withDescriptor: false));
    }

    [Test]
    public void WithTheHypernetworkTheDescriptorIsReadAtRunTime()
    {
        string file = Path.Combine(_root, "conditioned.onnx");
        var result = CliRunner.Run("export", _ppo, "--with-hypernetwork", "--out", file);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("inputs:  obs float32 [N, 4]; descriptor float32 [N, 6]")
            .And.Contain("raw values of gravity, cart_mass, pole_mass, pole_length, force_mag, actuator_gain"));

        using var run = TrainedRun.Load(_ppo);
        var rows = Collect(run, run.EnvOptions()); // the training distribution: a new pole length every episode
        var poleLengths = Enumerable.Range(0, rows.Count).Select(row => rows.Descriptors[row * CartPoleDescriptor.Spec.Length + CartPoleDescriptor.PoleLength]).Distinct().Count();
        Assert.That(poleLengths, Is.GreaterThanOrEqualTo(Envs), "many distinct descriptors");
        AssertActsAsTheRun(run, rows, RunOnnx(file, rows, withDescriptor: true));
    }

    [Test]
    public void ASacActorExportsTheSquashedMeanInTheBox()
    {
        string file = Path.Combine(_root, "sac.onnx");
        var result = CliRunner.Run("export", _sac, "--best", "--out", file);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("actor").And.Contain("outputs: action float32 [N, 1]; mean float32 [N, 1]; log_std float32 [N, 1]"));

        using var run = TrainedRun.Load(_sac, best: true);
        Assert.That(run.Normalization?.Observations, Is.Not.Null);
        var rows = Collect(run, run.EnvOptions());
        AssertActsAsTheRun(run, rows, RunOnnx(file, rows, withDescriptor: false));
    }

    [Test]
    public void TheDefaultFileIsBesideThePolicy()
    {
        string folder = Path.Combine(_root, "copy");
        Directory.CreateDirectory(folder);
        foreach (string file in Directory.GetFiles(_ppo)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var result = CliRunner.Run("export", folder);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(File.Exists(Path.Combine(folder, "policy.onnx")), Is.True, result.Output);
    }

    /// <summary>What the run's evaluation envs show over <see cref="Steps"/> steps of its own policy: raw and normalized
    /// observations, raw descriptors.</summary>
    private sealed record Rows(int Count, float[] Raw, float[] Normalized, float[] Descriptors, int ObservationSize, int DescriptorSize);

    private static Rows Collect(TrainedRun run, EnvOptions options)
    {
        using var pipeline = EnvPipeline.ForEvaluation(run.Config, options, Envs, run.Normalization);
        var envs = pipeline.Envs;
        var policy = run.Model.CreateDeterministicPolicy();
        var (raw, normalized, descriptors) = (new List<float>(), new List<float>(), new List<float>());
        var discrete = new int[Envs];
        var continuous = new float[Envs * envs.ActionSize];
        envs.Reset(seed: 7);
        for (var step = 0; step < Steps; step++)
        {
            raw.AddRange(pipeline.Raw.Observations.ToArray());
            normalized.AddRange(envs.Observations.ToArray());
            descriptors.AddRange(envs.Descriptors.ToArray());
            policy.Act(envs.Observations, envs.Descriptors, Envs, discrete, continuous);
            if (envs.IsDiscrete) envs.Step(discrete);
            else envs.Step(continuous);
        }
        return new Rows(Envs * Steps, raw.ToArray(), normalized.ToArray(), descriptors.ToArray(), envs.ObservationSize, envs.DescriptorSize);
    }

    private static Dictionary<string, float[]> RunOnnx(string file, Rows rows, bool withDescriptor)
    {
        using var session = new InferenceSession(file);
        var inputs = new Dictionary<string, OrtValue> { ["obs"] = OrtValue.CreateTensorValueFromMemory(rows.Raw, [rows.Count, rows.ObservationSize]) };
        if (withDescriptor) inputs["descriptor"] = OrtValue.CreateTensorValueFromMemory(rows.Descriptors, [rows.Count, rows.DescriptorSize]);
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, inputs, session.OutputNames);
            var result = new Dictionary<string, float[]>();
            for (var i = 0; i < outputs.Count; i++)
                result[session.OutputNames[i]] = outputs[i].GetTensorTypeAndShape().ElementDataType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64
                    ? outputs[i].GetTensorDataAsSpan<long>().ToArray().Select(a => (float)a).ToArray()
                    : outputs[i].GetTensorDataAsSpan<float>().ToArray();
            return result;
        }
        finally
        {
            foreach (var value in inputs.Values) value.Dispose();
        }
    }

    /// <summary>The graph on raw observations against the run's C# acting path on normalized ones: actions (discrete
    /// ones wherever the two best logits are apart by more than rounding) and, for actor-critics, values.</summary>
    private static void AssertActsAsTheRun(TrainedRun run, Rows rows, Dictionary<string, float[]> outputs)
    {
        var shapes = run.Model.Shapes;
        var discrete = new int[rows.Count];
        var continuous = new float[rows.Count * shapes.ActionSize];
        run.Model.CreateDeterministicPolicy().Act(rows.Normalized, rows.Descriptors, rows.Count, discrete, continuous);
        if (shapes.ActionKind == ActionKind.Discrete)
        {
            var logits = outputs["logits"];
            var compared = 0;
            for (var row = 0; row < rows.Count; row++)
            {
                if (Math.Abs(logits[2 * row] - logits[2 * row + 1]) <= Tolerance) continue;
                compared++;
                Assert.That(outputs["action"][row], Is.EqualTo(discrete[row]), $"row {row}");
            }
            Assert.That(compared, Is.GreaterThan(rows.Count * 99 / 100));
        }
        else
        {
            AssertClose(outputs["action"], continuous, "action");
        }
        if (run.Model is not ActorCritic policy) return;
        var (logProbs, values) = (new float[rows.Count], new float[rows.Count]);
        new ActorCriticInference(policy).Act(rows.Normalized, rows.Descriptors, rows.Count, deterministic: true, new Random(0),
            discrete, continuous, logProbs, values);
        AssertClose(outputs["value"], values, "value");
    }

    private static void AssertClose(float[] actual, float[] expected, string what)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length), what);
        for (var i = 0; i < expected.Length; i++)
            if (!(Math.Abs(actual[i] - expected[i]) <= Tolerance * Math.Max(1f, Math.Abs(expected[i]))))
                Assert.Fail($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
