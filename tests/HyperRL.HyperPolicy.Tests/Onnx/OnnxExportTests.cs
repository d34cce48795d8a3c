using HyperRL.HyperPolicy.Heads;
using HyperRL.HyperPolicy.Onnx;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests.Onnx;

/// <summary>
/// Exported graphs, run by ONNX Runtime on 1,000 rows, compute what HyperRL computes: "action" as the C# acting path
/// (<see cref="IDeterministicPolicy"/>), the distribution's parameters, values and Q-values as the torch forward, for
/// every conditioning scheme, head and model kind, for one fixed descriptor and with the descriptor as an input.
/// </summary>
public sealed class OnnxExportTests
{
    private const int Rows = 1000;
    private const int DistinctDescriptors = 7;
    private const float Tolerance = 1e-5f;

    private static readonly (string Name, PolicySpec Spec)[] Schemes =
    [
        ("hyper_full", TestShapes.Hyper(HyperKind.Full)),
        ("hyper_chunked", TestShapes.Hyper(HyperKind.Chunked) with { Activation = ActivationKind.Relu }),
        ("hyper_lowrank", TestShapes.Hyper(HyperKind.LowRank) with { Activation = ActivationKind.Elu }),
        ("hyper_generated_layers", TestShapes.Hyper(HyperKind.Full) with
        {
            Activation = ActivationKind.Silu, Hyper = TestShapes.Hyper().Hyper with { GeneratedLayers = 1 },
        }),
        ("film", TestShapes.Hyper() with { Conditioning = ConditioningKind.Film, FilmHidden = [8] }),
        ("concat", TestShapes.Hyper() with { Conditioning = ConditioningKind.Concat, Activation = ActivationKind.Relu }),
        ("mlp", TestShapes.Hyper() with { Conditioning = ConditioningKind.Mlp, Activation = ActivationKind.Silu }),
        ("hyper_concat_input", TestShapes.ConcatInput(TestShapes.Hyper(HyperKind.Full) with { Activation = ActivationKind.Relu })),
        ("hyper_concat_input_chunked_generated_layers", TestShapes.ConcatInput(TestShapes.Hyper(HyperKind.Chunked) with
        {
            Hyper = TestShapes.Hyper(HyperKind.Chunked).Hyper with { GeneratedLayers = 1 },
        })),
    ];

    private static readonly (string Name, Func<PolicySpec, PolicyModel> Create, string[] Outputs)[] Models =
    [
        ("actor_critic categorical", spec => ActorCritic.Create(spec with { Head = HeadKind.Categorical }, TestShapes.Discrete),
            ["action", "logits", "value"]),
        ("actor_critic categorical shared_trunk", spec => ActorCritic.Create(spec with { Head = HeadKind.Categorical, SharedTrunk = true }, TestShapes.Discrete),
            ["action", "logits", "value"]),
        ("actor_critic gaussian state_independent", spec => ActorCritic.Create(spec with { Head = HeadKind.Gaussian }, TestShapes.Continuous),
            ["action", "mean", "log_std", "value"]),
        ("actor_critic gaussian state_dependent concat_critic", spec => ActorCritic.Create(
            spec with { Head = HeadKind.Gaussian, LogStd = LogStdKind.StateDependent, LogStdInit = -0.5f, HyperCritic = false }, TestShapes.Continuous),
            ["action", "mean", "log_std", "value"]),
        ("actor_critic tanh_gaussian", spec => ActorCritic.Create(spec with { Head = HeadKind.TanhGaussian, LogStd = LogStdKind.StateDependent }, TestShapes.Continuous),
            ["action", "mean", "log_std", "value"]),
        ("q_network q", spec => QNetwork.Create(spec with { Head = HeadKind.Q }, TestShapes.Discrete), ["action", "q"]),
        ("q_network dueling", spec => QNetwork.Create(spec with { Head = HeadKind.Dueling }, TestShapes.Discrete), ["action", "q"]),
        ("q_network qr", spec => QNetwork.Create(spec with { Head = HeadKind.Q }, TestShapes.Discrete,
            new QNetworkOptions { Distribution = QDistributionKind.Quantile, Quantiles = 7 }), ["action", "q"]),
        ("q_network c51 dueling", spec => QNetwork.Create(spec with { Head = HeadKind.Dueling }, TestShapes.Discrete,
            new QNetworkOptions { Distribution = QDistributionKind.Categorical, Atoms = 11, VMin = -3, VMax = 5 }), ["action", "q"]),
        ("q_network qr noisy", spec => NoisyInEvalMode(QNetwork.Create(spec with { Head = HeadKind.Q }, TestShapes.Discrete,
            new QNetworkOptions { Distribution = QDistributionKind.Quantile, Quantiles = 5, Noisy = true })), ["action", "q"]),
        ("actor tanh_gaussian state_dependent", spec => Actor.Create(spec with { LogStd = LogStdKind.StateDependent }, TestShapes.Continuous),
            ["action", "mean", "log_std"]),
        ("actor tanh_gaussian state_independent", spec => Actor.Create(spec with { Head = HeadKind.TanhGaussian, LogStdInit = 0.3f }, TestShapes.Continuous),
            ["action", "mean", "log_std"]),
        ("actor gaussian state_dependent", spec => Actor.Create(spec with { Head = HeadKind.Gaussian, LogStd = LogStdKind.StateDependent }, TestShapes.Continuous),
            ["action", "mean", "log_std"]),
    ];

    /// <summary>With noise drawn (so that it would show) and eval mode: the graph, like evaluation, computes with mu.</summary>
    private static QNetwork NoisyInEvalMode(QNetwork network)
    {
        network.ResetNoise(Enumerable.Range(0, network.NoiseSize).Select(i => 2 * MathF.Sin(3 * i)).ToArray());
        network.eval();
        return network;
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var scheme in Schemes)
        foreach (var model in Models)
        foreach (var descriptorInput in new[] { false, true })
            yield return new TestCaseData(scheme.Name, model.Name, descriptorInput)
                .SetName($"onnx {model.Name} {scheme.Name} {(descriptorInput ? "descriptor input" : "fixed descriptor")}");
    }

    [TestCaseSource(nameof(Cases))]
    public void GraphComputesWhatHyperRLComputes(string schemeName, string modelName, bool descriptorInput)
    {
        var scheme = Schemes.Single(s => s.Name == schemeName);
        var modelCase = Models.Single(m => m.Name == modelName);
        manual_seed(70 + Array.FindIndex(Schemes, s => s.Name == schemeName));
        using var model = modelCase.Create(scheme.Spec);
        // A low-rank generator's outputs are factors of the generated weights (W = U V^T): perturbed as much as the
        // others' parameters, the generated weights move by the product of two perturbations, and the hidden values
        // grow past where float32 keeps 1e-5 absolute.
        TestParameters.Perturb(model, scale: scheme.Spec.Hyper.Kind == HyperKind.LowRank && scheme.Spec.Conditioning == ConditioningKind.Hyper ? 0.1f : 0.3f);
        using var scope = NewDisposeScope();
        var shapes = model.Shapes;
        var obs = randn(Rows, shapes.ObservationSize) * 2;
        Tensor desc, fixedDescriptor;
        if (descriptorInput)
        {
            fixedDescriptor = empty(0);
            desc = TestShapes.Descriptors(shapes, DistinctDescriptors).index_select(0, randint(0, DistinctDescriptors, [Rows]));
        }
        else
        {
            fixedDescriptor = TestShapes.Descriptors(shapes, 1)[0];
            desc = fixedDescriptor.expand(Rows, -1).contiguous();
        }
        var options = descriptorInput ? OnnxExportOptions.WithDescriptorInput() : OnnxExportOptions.ForDescriptor(TestShapes.Values(fixedDescriptor));

        var graph = OnnxExport.Build(model, options);
        var inputs = new Dictionary<string, (float[], long[])> { ["obs"] = (TestShapes.Values(obs), [Rows, shapes.ObservationSize]) };
        if (descriptorInput) inputs["descriptor"] = (TestShapes.Values(desc), [Rows, shapes.DescriptorSize]);
        var results = OnnxRunner.Run(graph.Bytes, inputs);

        Assert.That(graph.Outputs.Select(o => o.Name), Is.EqualTo(modelCase.Outputs));
        Assert.That(results.Keys, Is.EqualTo(modelCase.Outputs), "the runtime sees the declared outputs, in order");
        Assert.That(graph.Inputs.Select(i => i.Name), Is.EqualTo(descriptorInput ? new[] { "obs", "descriptor" } : ["obs"]));
        Assert.That(OnnxRunner.InputNames(graph.Bytes), Is.EqualTo(graph.Inputs.Select(i => i.Name)));

        using var noGrad = no_grad();
        var (reference, raw) = Reference(model, obs, desc);
        var rowScale = TestShapes.Values(raw.abs().amax([1]).clamp_min(1));
        foreach (var (name, expected) in reference)
        {
            Assert.That(results[name].Shape, Is.EqualTo(expected.shape), name);
            AssertClose(results[name].Floats!, TestShapes.Values(expected), name, rowScale);
        }
        AssertActions(model, results["action"], obs, desc, reference.TryGetValue("logits", out var logits) ? logits : reference.GetValueOrDefault("q"), rowScale);
    }

    /// <summary>The torch forward's outputs under their graph names (all but "action"), and the networks' raw outputs
    /// [Rows, k] they are computed from.</summary>
    private static (Dictionary<string, Tensor> Outputs, Tensor Raw) Reference(PolicyModel model, Tensor obs, Tensor desc)
    {
        switch (model)
        {
            case ActorCritic policy:
            {
                var (raw, value) = policy.RawOutputs(obs, desc);
                var outputs = policy.Head is CategoricalHead ? new() { ["logits"] = raw } : Gaussian(policy.Head, raw);
                outputs["value"] = value;
                return (outputs, cat([raw, value.unsqueeze(1)], 1));
            }
            case QNetwork network:
                return (new() { ["q"] = network.QValues(obs, desc) }, network.Network.Forward(obs, desc));
            case Actor actor:
            {
                var raw = actor.RawOutputs(obs, desc);
                return (Gaussian(actor.Head, raw), raw);
            }
            default:
                throw new InvalidOperationException(model.Kind);
        }
    }

    private static Dictionary<string, Tensor> Gaussian(PolicyHead head, Tensor raw)
    {
        var gaussian = head switch
        {
            DiagonalGaussianHead diagonal => diagonal.Gaussian,
            TanhGaussianHead tanh => tanh.Gaussian,
            _ => throw new InvalidOperationException(head.GetType().Name),
        };
        var (mean, logStd) = gaussian.Read(raw);
        return new() { ["mean"] = mean, ["log_std"] = logStd };
    }

    /// <summary>"action" against the C# acting path; Gaussian means clipped into the box as the env pipeline clips them.</summary>
    private static void AssertActions(PolicyModel model, OnnxResult action, Tensor obs, Tensor desc, Tensor? scores, float[] rowScale)
    {
        var shapes = model.Shapes;
        var discrete = new int[Rows];
        var continuous = new float[Rows * shapes.ActionSize];
        model.CreateDeterministicPolicy().Act(TestShapes.Values(obs), TestShapes.Values(desc), Rows, discrete, continuous);
        if (shapes.ActionKind == ActionKind.Discrete)
        {
            Assert.That(action.Shape, Is.EqualTo(new long[] { Rows }));
            // Where the two best scores are closer than float rounding, either is a correct argmax.
            var values = TestShapes.Values(scores!);
            var n = shapes.ActionSize;
            var compared = 0;
            for (var row = 0; row < Rows; row++)
            {
                var sorted = values.AsSpan(row * n, n).ToArray().OrderDescending().ToArray();
                if (sorted[0] - sorted[1] <= Tolerance * rowScale[row]) continue;
                compared++;
                Assert.That(action.Longs![row], Is.EqualTo(discrete[row]), $"row {row}");
            }
            Assert.That(compared, Is.GreaterThan(Rows * 99 / 100));
            return;
        }
        Assert.That(action.Shape, Is.EqualTo(new long[] { Rows, shapes.ActionSize }));
        if (HeadOf(model) is DiagonalGaussianHead)
            for (var i = 0; i < continuous.Length; i++)
                continuous[i] = Math.Clamp(continuous[i], shapes.ActionLow![i % shapes.ActionSize], shapes.ActionHigh![i % shapes.ActionSize]);
        AssertClose(action.Floats!, continuous, "action", rowScale);
    }

    /// <summary>
    /// Within 1e-5, relative to the row's scale where that exceeds 1 (<paramref name="rowScale"/>: the largest raw network
    /// output of the row; without it the value itself). float32 holds about 7 significant digits, and a low-rank
    /// hypernetwork reaches raw outputs in the thousands for some in-range descriptors, even freshly initialized: a
    /// dueling head's V + A - mean(A) then cancels them down to small Q-values that carry their rounding.
    /// </summary>
    internal static void AssertClose(float[] actual, float[] expected, string what, float[]? rowScale = null)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length), what);
        var width = expected.Length / Rows;
        for (var i = 0; i < expected.Length; i++)
        {
            var scale = rowScale is null ? Math.Max(1f, Math.Abs(expected[i])) : rowScale[i / width];
            if (!(Math.Abs(actual[i] - expected[i]) <= Tolerance * scale))
                Assert.Fail($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (row scale {scale:R})");
        }
    }

    private static PolicyHead? HeadOf(PolicyModel model) => model switch
    {
        ActorCritic policy => policy.Head,
        Actor actor => actor.Head,
        _ => null,
    };
}
