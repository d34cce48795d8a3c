using HyperRL.HyperPolicy.Onnx;
using Onnx;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests.Onnx;

/// <summary>The export's edges: the observation normalization prefix, the action clip, the model header, bad options.</summary>
public sealed class OnnxExportDetailsTests
{
    private const int Rows = 1000;

    [TestCase(false)]
    [TestCase(true)]
    public void RawObservationsAreNormalizedInsideTheGraph(bool descriptorInput)
    {
        manual_seed(80);
        using var policy = ActorCritic.Create(TestShapes.Hyper(HyperKind.Chunked) with { Head = HeadKind.Gaussian }, TestShapes.Continuous);
        TestParameters.Perturb(policy);
        var shapes = policy.Shapes;
        var random = new Random(81);
        var mean = Enumerable.Range(0, shapes.ObservationSize).Select(_ => (float)(random.NextDouble() * 10 - 5)).ToArray();
        var std = Enumerable.Range(0, shapes.ObservationSize).Select(_ => (float)(random.NextDouble() * 3 + 0.1)).ToArray();
        const float clip = 2f;
        var rawObservations = new float[Rows * shapes.ObservationSize];
        for (var i = 0; i < rawObservations.Length; i++) rawObservations[i] = mean[i % mean.Length] + std[i % std.Length] * (float)(random.NextDouble() * 8 - 4);
        // What the env pipeline's frozen NormalizeObservation hands the C# acting path.
        var normalized = rawObservations.Select((x, i) => Math.Clamp((x - mean[i % mean.Length]) / std[i % std.Length], -clip, clip)).ToArray();
        Assert.That(normalized.Count(x => Math.Abs(x) == clip), Is.GreaterThan(Rows / 10), "the clip is exercised");
        using var scope = NewDisposeScope();
        var descriptor = TestShapes.Descriptors(shapes, 1)[0];
        var descriptors = descriptor.expand(Rows, -1).contiguous();
        var options = (descriptorInput ? OnnxExportOptions.WithDescriptorInput() : OnnxExportOptions.ForDescriptor(TestShapes.Values(descriptor)))
            with { Observations = new ObservationNormalization(mean, std, clip) };

        var graph = OnnxExport.Build(policy, options);
        var inputs = new Dictionary<string, (float[], long[])> { ["obs"] = (rawObservations, [Rows, shapes.ObservationSize]) };
        if (descriptorInput) inputs["descriptor"] = (TestShapes.Values(descriptors), [Rows, shapes.DescriptorSize]);
        var results = OnnxRunner.Run(graph.Bytes, inputs);

        var actions = new float[Rows * shapes.ActionSize];
        policy.CreateDeterministicPolicy().Act(normalized, TestShapes.Values(descriptors), Rows, [], actions);
        for (var i = 0; i < actions.Length; i++)
            actions[i] = Math.Clamp(actions[i], shapes.ActionLow![i % shapes.ActionSize], shapes.ActionHigh![i % shapes.ActionSize]);
        OnnxExportTests.AssertClose(results["action"].Floats!, actions, "action");
        using var noGrad = no_grad();
        var value = policy.Value(tensor(normalized).view(Rows, shapes.ObservationSize), descriptors);
        OnnxExportTests.AssertClose(results["value"].Floats!, TestShapes.Values(value), "value");
    }

    [Test]
    public void GaussianActionIsTheMeanClippedIntoTheBoxAndTheMeanIsNot()
    {
        manual_seed(82);
        using var policy = ActorCritic.Create(TestShapes.Hyper() with { Conditioning = ConditioningKind.Mlp, Head = HeadKind.Gaussian }, TestShapes.Continuous);
        TestParameters.Perturb(policy, scale: 30f);
        var shapes = policy.Shapes;
        using var scope = NewDisposeScope();
        var obs = TestShapes.Values(randn(Rows, shapes.ObservationSize) * 5);
        var graph = OnnxExport.Build(policy, OnnxExportOptions.ForDescriptor([0.5f, 0f, 15f]));
        var results = OnnxRunner.Run(graph.Bytes, new Dictionary<string, (float[], long[])> { ["obs"] = (obs, [Rows, shapes.ObservationSize]) });

        var mean = results["mean"].Floats!;
        var action = results["action"].Floats!;
        var outside = 0;
        for (var i = 0; i < mean.Length; i++)
        {
            var (low, high) = (shapes.ActionLow![i % 2], shapes.ActionHigh![i % 2]);
            if (mean[i] < low || mean[i] > high) outside++;
            Assert.That(action[i], Is.EqualTo(Math.Clamp(mean[i], low, high)), $"action[{i}]");
        }
        Assert.That(outside, Is.GreaterThan(Rows / 10), "means outside the box are published unclipped");
    }

    [Test]
    public void TheModelDeclaresOpset17AndIrVersion8AndUsesOnlyStandardOperators()
    {
        manual_seed(83);
        using var policy = ActorCritic.Create(TestShapes.Hyper(HyperKind.LowRank) with { Head = HeadKind.TanhGaussian, LogStd = LogStdKind.StateDependent },
            TestShapes.Continuous);
        var graph = OnnxExport.Build(policy, OnnxExportOptions.WithDescriptorInput() with { ProducerVersion = "test" });
        var model = ModelProto.Parser.ParseFrom(graph.Bytes);

        Assert.That(model.IrVersion, Is.EqualTo(8));
        Assert.That(model.OpsetImport.Select(o => (o.Domain, o.Version)), Is.EqualTo(new[] { ("", 17L) }));
        Assert.That(model.ProducerName, Is.EqualTo("HyperRL"));
        Assert.That(model.ProducerVersion, Is.EqualTo("test"));
        Assert.That(model.Graph.Node.Select(n => n.Domain), Is.All.Empty);
        Assert.That(model.Graph.Node.Select(n => n.OpType).Distinct(), Is.SubsetOf(new[]
        {
            "Identity", "MatMul", "Add", "Sub", "Mul", "Div", "Min", "Max", "Tanh", "Relu", "Elu", "Sigmoid", "Clip", "Slice", "Concat",
            "Unsqueeze", "Squeeze", "Reshape", "Transpose", "ArgMax", "ReduceMean", "Expand", "Shape",
        }));
        Assert.That(model.Graph.Input.Select(i => i.Type.TensorType.Shape.Dim[0].DimParam), Is.All.EqualTo("N"), "any batch size");
        Assert.That(graph.Inputs.Select(i => i.ToString()), Is.EqualTo(new[] { "obs float32 [N, 5]", "descriptor float32 [N, 3]" }));
        Assert.That(graph.Outputs.Select(o => o.ToString()),
            Is.EqualTo(new[] { "action float32 [N, 2]", "mean float32 [N, 2]", "log_std float32 [N, 2]", "value float32 [N]" }));
    }

    [Test]
    public void DiscreteActionsAreInt64Indices()
    {
        manual_seed(84);
        using var network = QNetwork.Create(TestShapes.Hyper(), TestShapes.Discrete);
        var graph = OnnxExport.Build(network, OnnxExportOptions.ForDescriptor([0.5f, 0f, 15f]));
        Assert.That(graph.Outputs.Select(o => o.ToString()), Is.EqualTo(new[] { "action int64 [N]", "q float32 [N, 3]" }));
    }

    [Test]
    public void BadOptionsAreClearErrors()
    {
        manual_seed(85);
        using var policy = ActorCritic.Create(TestShapes.Hyper(), TestShapes.Discrete);
        Assert.That(() => OnnxExport.Build(policy, OnnxExportOptions.ForDescriptor([1f, 2f])),
            Throws.ArgumentException.With.Message.EqualTo("the descriptor has 2 values, the policy reads 3"));
        Assert.That(() => OnnxExport.Build(policy, OnnxExportOptions.ForDescriptor([1f, float.NaN, 2f])),
            Throws.ArgumentException.With.Message.Contains("finite"));
        var wrongSize = new ObservationNormalization([0f, 0f], [1f, 1f], 10f);
        Assert.That(() => OnnxExport.Build(policy, OnnxExportOptions.WithDescriptorInput() with { Observations = wrongSize }),
            Throws.ArgumentException.With.Message.Contains("reads 5 observation values"));
        var zeroStd = new ObservationNormalization(new float[5], new float[5], 10f);
        Assert.That(() => OnnxExport.Build(policy, OnnxExportOptions.WithDescriptorInput() with { Observations = zeroStd }),
            Throws.ArgumentException.With.Message.Contains("positive finite deviations"));
    }

    [Test]
    public void TheGraphKeepsTheWeightsOfTheMomentOfExport()
    {
        manual_seed(86);
        using var policy = ActorCritic.Create(TestShapes.Hyper(), TestShapes.Discrete);
        var before = OnnxExport.Build(policy, OnnxExportOptions.WithDescriptorInput()).Bytes;
        var again = OnnxExport.Build(policy, OnnxExportOptions.WithDescriptorInput()).Bytes;
        TestParameters.Perturb(policy);
        var after = OnnxExport.Build(policy, OnnxExportOptions.WithDescriptorInput()).Bytes;
        Assert.That(again, Is.EqualTo(before), "the same weights give the same file");
        Assert.That(after, Is.Not.EqualTo(before), "new weights give a new file");
    }
}
