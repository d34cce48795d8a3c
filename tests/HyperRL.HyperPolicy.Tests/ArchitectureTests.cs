using HyperRL.HyperPolicy.MainNetworks;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

/// <summary>Architecture generation: one hypernetwork, a space of actor architectures, each its leading slices.</summary>
public sealed class ArchitectureTests
{
    private static PolicySpec Spec(HyperKind kind = HyperKind.Full, HyperInit init = HyperInit.HyperfanIn,
        ArchitectureCriticKind critic = ArchitectureCriticKind.Fixed) =>
        TestShapes.Hyper(kind, init) with
        {
            Architectures = new ArchitectureSpec { Depths = [1, 2], Widths = [4, 8, 16], Critic = critic },
        };

    private static int Index(ActorCritic policy, params int[] hidden) => policy.Architectures!.IndexOf(hidden);

    [Test]
    public void SpaceEnumeratesEveryWidthPerLayerAndEncodesEachArchitectureDifferently()
    {
        var space = ArchitectureSpace.From(new ArchitectureSpec { Depths = [2, 1], Widths = [8, 4, 16] });
        Assert.That(space.Count, Is.EqualTo(3 + 9));
        Assert.That(space[0], Is.EqualTo(new[] { 4 }));
        Assert.That(space[space.Count - 1], Is.EqualTo(new[] { 16, 16 }));
        Assert.That(space.Largest, Is.EqualTo(new[] { 16, 16 }));
        var encodings = Enumerable.Range(0, space.Count).Select(i => string.Join(",", space.Encode(i))).ToArray();
        Assert.That(encodings.Distinct().Count(), Is.EqualTo(space.Count));
        Assert.That(space.Encode(space.IndexOf([16])), Is.EqualTo(new[] { 1f, -1f }));
        Assert.That(space.Encode(0).All(v => v is >= -1f and <= 1f), Is.True);
    }

    [Test]
    public void SamplingIsUniformOverDepthThenOverTheArchitecturesOfThatDepth()
    {
        var space = ArchitectureSpace.From(new ArchitectureSpec { Depths = [1, 2], Widths = [4, 8, 16] });
        var rng = new Random(3);
        var counts = new int[space.Count];
        const int draws = 18_000;
        for (var i = 0; i < draws; i++) counts[space.Sample(rng)]++;
        var depthOne = Enumerable.Range(0, space.Count).Where(i => space[i].Count == 1).Sum(i => counts[i]);
        Assert.That(depthOne / (double)draws, Is.EqualTo(0.5).Within(0.02));
        // Each of the 9 depth-2 architectures gets 1/18 of the draws.
        foreach (var i in Enumerable.Range(0, space.Count).Where(i => space[i].Count == 2))
            Assert.That(counts[i] / (double)draws, Is.EqualTo(1 / 18.0).Within(0.012), ArchitectureSpace.Format(space[i]));
    }

    [Test]
    public void ExplicitListsKeepTheirArchitecturesAndParseAndFormatRoundTrip()
    {
        var spec = PolicySpec.Parse("""{"conditioning":"hyper","architectures":[[32,16],[8],[32,16]]}""");
        var space = ArchitectureSpace.From(spec.Architectures!);
        Assert.That(space.Count, Is.EqualTo(2));
        Assert.That(space.Largest, Is.EqualTo(new[] { 32, 32 }));
        Assert.That(space.IndexOf([32, 16]), Is.EqualTo(1));
        Assert.That(space.IndexOf([16]), Is.EqualTo(-1));
        Assert.That(ArchitectureSpace.Parse("16,8"), Is.EqualTo(new[] { 16, 8 }));
        Assert.That(ArchitectureSpace.Parse("16x8"), Is.EqualTo(new[] { 16, 8 }));
        Assert.That(ArchitectureSpace.Parse("16,a"), Is.Null);
        Assert.That(ArchitectureSpace.Parse("0"), Is.Null);
        Assert.That(ArchitectureSpace.ParameterCount([16, 8], 4, 2), Is.EqualTo(4 * 16 + 16 + 16 * 8 + 8 + 8 * 2 + 2));
    }

    [Test]
    public void SpecRoundTripsThroughJson()
    {
        var spec = Spec(critic: ArchitectureCriticKind.Generated) with { CriticHidden = null };
        var back = PolicySpec.Parse(spec.ToJson());
        Assert.That(back.SameAs(spec), Is.True);
        Assert.That(back.Architectures!.Critic, Is.EqualTo(ArchitectureCriticKind.Generated));
        Assert.That(back.Architectures.Widths, Is.EqualTo(new[] { 4, 8, 16 }));
        var fixedCritic = Spec() with { CriticHidden = [32] };
        Assert.That(PolicySpec.Parse(fixedCritic.ToJson()).ResolveCriticHidden(), Is.EqualTo(new[] { 32 }));
        // A spec without the new keys writes exactly what it wrote before them.
        Assert.That(TestShapes.Hyper().ToJson(), Does.Not.Contain("architectures").And.Not.Contain("criticHidden"));
    }

    [TestCase("""{"conditioning":"film","architectures":{"depths":[1],"widths":[8]}}""", "needs conditioning 'hyper'")]
    [TestCase("""{"architectures":{"depths":[1],"widths":[8],"list":[[8]]}}""", "either 'depths' and 'widths' or 'list'")]
    [TestCase("""{"architectures":{"depths":[1]}}""", "needs both 'depths'")]
    [TestCase("""{"architectures":{"depths":[9],"widths":[8]}}""", "at most 8 hidden layers")]
    [TestCase("""{"architectures":{"depths":[1,2,3,4,5,6],"widths":[1,2,3,4,5,6,7,8,9,10]}}""", "more than 100,000")]
    [TestCase("""{"architectures":{"depths":[1],"widths":[8]},"sharedTrunk":true}""", "needs 'sharedTrunk': false")]
    [TestCase("""{"architectures":{"depths":[1],"widths":[8]},"hyper":{"generatedLayers":1}}""", "remove 'hyper.generatedLayers'")]
    [TestCase("""{"architectures":{"depths":[1],"widths":[8],"critic":"generated"},"criticHidden":[8]}""", "sizes a fixed critic")]
    [TestCase("""{"architectures":{"depths":[1],"widths":[8],"critic":"same"}}""", "allowed: fixed, generated")]
    [TestCase("""{"architectures":{"depths":[1],"widths":[8],"size":3}}""", "unknown key 'size'")]
    [TestCase("""{"architectures":[[]]}""", "empty architecture")]
    [TestCase("""{"criticHidden":[]}""", "at least one hidden layer")]
    public void BadSpacesAreOneLineErrors(string json, string expected)
    {
        var error = Assert.Throws<PolicySpecException>(() =>
        {
            using var policy = ActorCritic.Create(PolicySpec.Parse(json), TestShapes.Discrete);
        })!;
        Assert.That(error.Message, Does.Contain(expected));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void OtherModelsRefuseASpace()
    {
        var error = Assert.Throws<PolicySpecException>(() => QNetwork.Create(Spec(), TestShapes.Discrete))!;
        Assert.That(error.Message, Does.Contain("PPO's actor-critic only"));
        Assert.That(() => Actor.Create(Spec() with { Head = HeadKind.Auto }, TestShapes.Continuous), Throws.TypeOf<PolicySpecException>());
    }

    /// <summary>The generated largest network's leading blocks, scaled, fed to a hand-built MLP, compute what the policy
    /// computes for that architecture: alone (its own small layers) and mixed with others in one batch (the masked
    /// largest network).</summary>
    [TestCase(HyperKind.Full, HyperInit.HyperfanIn)]
    [TestCase(HyperKind.Full, HyperInit.Bias)]
    [TestCase(HyperKind.Chunked, HyperInit.HyperfanIn)]
    [TestCase(HyperKind.LowRank, HyperInit.HyperfanOut)]
    public void SlicedGenerationEqualsAnExplicitSmallNetwork(HyperKind kind, HyperInit init)
    {
        manual_seed(21);
        using var policy = ActorCritic.Create(Spec(kind, init), TestShapes.Discrete);
        TestParameters.Perturb(policy);
        var network = policy.ArchitectureActor!;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var descriptors = TestShapes.Descriptors(TestShapes.Discrete, 2);
        var obs = randn(9, 5);
        int[] archOfRow = [Index(policy, 8, 4), Index(policy, 16), Index(policy, 4, 16), Index(policy, 8, 4), Index(policy, 16),
            Index(policy, 4, 16), Index(policy, 16, 16), Index(policy, 8, 4), Index(policy, 4)];
        var descOfRow = new long[] { 0, 0, 1, 1, 0, 1, 0, 0, 1 };
        var rowDescriptors = descriptors.index_select(0, tensor(descOfRow));
        var mixed = network.Forward(obs, rowDescriptors, archOfRow);

        for (var row = 0; row < obs.shape[0]; row++)
        {
            var hidden = policy.Architectures![archOfRow[row]].ToArray();
            var expected = ExplicitForward(network, descriptors[descOfRow[row]], archOfRow[row], hidden, obs.narrow(0, row, 1));
            var alone = network.Forward(obs.narrow(0, row, 1), descriptors[descOfRow[row]], [archOfRow[row]]);
            Assert.That(TestShapes.Values(alone), Is.EqualTo(TestShapes.Values(expected)).Within(1e-5f), $"row {row} alone");
            Assert.That(TestShapes.Values(mixed[row]), Is.EqualTo(TestShapes.Values(expected[0])).Within(1e-5f), $"row {row} mixed");
        }
    }

    /// <summary>Hand-built: the largest network generated for [normalized descriptor, encoding], its blocks cut by
    /// index arithmetic and scaled by sqrt(target variance of the block / of the full layer).</summary>
    private static Tensor ExplicitForward(ArchitectureNetwork network, Tensor descriptor, int architecture, int[] hidden, Tensor obs)
    {
        var space = network.Space;
        var shapes = TestShapes.Discrete;
        var low = tensor(shapes.DescriptorLow);
        var high = tensor(shapes.DescriptorHigh);
        var normalized = (descriptor - low) / (high - low) * 2 - 1;
        var input = cat([normalized, tensor(space.Encode(architecture))], 0).unsqueeze(0);
        var largest = network.Generator.GenerateShared(input);
        var x = obs;
        var inSize = 5;
        for (var i = 0; i <= hidden.Length; i++)
        {
            var layer = i < hidden.Length ? largest[i] : largest[^1];
            var outSize = i < hidden.Length ? hidden[i] : (int)layer.Weight.shape[1];
            var full = new MainLayerShape((int)layer.Weight.shape[0], (int)layer.Weight.shape[1], Enumerable.Repeat(1f, (int)layer.Weight.shape[1]).ToArray());
            var block = new MainLayerShape(inSize, outSize, Enumerable.Repeat(1f, outSize).ToArray());
            var scale = (float)Math.Sqrt(MainLayerInit.TargetVariance(block, 0, network.Init, true) / MainLayerInit.TargetVariance(full, 0, network.Init, true));
            x = x.mm(layer.Weight[..inSize, ..outSize] * scale) + layer.Bias[..outSize];
            if (i < hidden.Length) x = x.tanh();
            inSize = outSize;
        }
        return x;
    }

    [Test]
    public void EntriesOfTheLargestNetworkThatNoSampledArchitectureUsesGetNoGradient()
    {
        manual_seed(4);
        using var policy = ActorCritic.Create(Spec(), TestShapes.Discrete);
        var network = policy.ArchitectureActor!;
        using var scope = NewDisposeScope();
        var used = new[] { Index(policy, 4), Index(policy, 8, 4) };
        var archOfRow = Enumerable.Range(0, 12).Select(i => used[i % 2]).ToArray();
        var evaluation = policy.Evaluate(randn(12, 5), TestShapes.Descriptors(TestShapes.Discrete, 12), randint(3, [12], dtype: ScalarType.Int64), archOfRow);
        (evaluation.LogProb.mean() + evaluation.Entropy.mean()).backward();

        var union = new bool[network.SlicesOf(used[0]).Mask.Length];
        foreach (var index in used)
        {
            var mask = network.SlicesOf(index).Mask;
            for (var j = 0; j < mask.Length; j++) union[j] |= mask[j] != 0f;
        }
        var outputWeightGrad = network.Generator.named_parameters().Single(p => p.name == "output_weight").parameter.grad!;
        var perEntry = TestShapes.Values(outputWeightGrad.abs().sum(0L, keepdim: false));
        var unusedWithGradient = Enumerable.Range(0, perEntry.Length).Count(j => !union[j] && perEntry[j] != 0f);
        var usedWithGradient = Enumerable.Range(0, perEntry.Length).Count(j => union[j] && perEntry[j] != 0f);
        Assert.That(unusedWithGradient, Is.Zero);
        Assert.That(usedWithGradient, Is.GreaterThan(union.Count(u => u) / 2));
        // 16-wide layers, depth 2: [4] and [8, 4] never touch columns 8..15 of the first layer.
        Assert.That(union.Count(u => u), Is.LessThan(union.Length / 2));
    }

    /// <summary>At step 0 under bias-HyperInit every architecture is a standard init: the weight variance of each of
    /// its layers is the target of its own shape, whatever the largest network's. (Under hyperfan-in the generated
    /// variance is proportional to |e|^2 of the [descriptor, encoding] embedding, which the architecture encoding moves:
    /// measured 0.65x the target for [16, 16] and 2.4-2.6x for [128, 16] and [64, 128] in this space, so hyperfan is
    /// standard only on average over architectures.)</summary>
    [Test]
    public void EveryArchitectureStartsAsAStandardInitUnderBiasInit()
    {
        const HyperInit init = HyperInit.Bias;
        manual_seed(8);
        var spec = TestShapes.Hyper(HyperKind.Full, init) with
        {
            OrthogonalInit = false, Hidden = [64],
            Architectures = new ArchitectureSpec { Depths = [2], Widths = [16, 64, 128] },
        };
        using var policy = ActorCritic.Create(spec, TestShapes.Discrete);
        var network = policy.ArchitectureActor!;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // Averaged over descriptors: one descriptor's generated weights have the target variance only in expectation.
        var descriptors = TestShapes.Descriptors(TestShapes.Discrete, 32);
        foreach (var hidden in new[] { new[] { 16, 16 }, [128, 16], [64, 128] })
        {
            var architecture = policy.Architectures!.IndexOf(hidden);
            for (var i = 0; i < 3; i++)
            {
                var fanIn = i == 0 ? 5 : hidden[i - 1];
                var gain = i < 2 ? 2.0 : 0.01 * 0.01;
                var width = i < 2 ? hidden[i] : 3;
                if (fanIn * width < 256) continue; // too few entries for a variance estimate within 20%
                var mean = Enumerable.Range(0, 32).Average(d => network.Layers(descriptors[d], architecture)[i].Weight.var().item<float>());
                Assert.That(mean * fanIn / gain, Is.EqualTo(1).Within(0.2), $"[{string.Join(",", hidden)}] layer {i}: fan-in {fanIn}");
            }
        }
    }

    [TestCase(ArchitectureCriticKind.Fixed)]
    [TestCase(ArchitectureCriticKind.Generated)]
    public void SnapshotsAndThePlainFormActAsTheGeneratedNetworkDoes(ArchitectureCriticKind critic)
    {
        manual_seed(9);
        using var policy = ActorCritic.Create(Spec(critic: critic) with { CriticHidden = critic == ArchitectureCriticKind.Fixed ? [8] : null }, TestShapes.Discrete);
        TestParameters.Perturb(policy);
        using var scope = NewDisposeScope();
        var descriptor = TestShapes.Descriptors(TestShapes.Discrete, 1)[0];
        var descValues = TestShapes.Values(descriptor);
        var obs = randn(7, 5);
        var architecture = Index(policy, 4, 16);
        var (raw, value) = policy.RawOutputs(obs, descriptor, [architecture]);

        using var plain = policy.ToPlain(descValues, architecture);
        Assert.That(plain.Spec.Conditioning, Is.EqualTo(ConditioningKind.Mlp));
        Assert.That(plain.Spec.Hidden, Is.EqualTo(new[] { 4, 16 }));
        Assert.That(plain.Spec.ResolveCriticHidden(), Is.EqualTo(critic == ArchitectureCriticKind.Fixed ? new[] { 8 } : [4, 16]));
        var (plainRaw, plainValue) = plain.RawOutputs(obs, descriptor);
        Assert.That(TestShapes.Values(plainRaw), Is.EqualTo(TestShapes.Values(raw)).Within(1e-5f));
        Assert.That(TestShapes.Values(plainValue), Is.EqualTo(TestShapes.Values(value)).Within(1e-5f));
        Assert.That(plain.ParameterCount, Is.LessThan(policy.ParameterCount / 10));

        // The C# acting path of that architecture gives the same values.
        var inference = new ActorCriticInference(policy, architecture);
        var values = new float[7];
        inference.Values(TestShapes.Values(obs), Enumerable.Repeat(descValues, 7).SelectMany(v => v).ToArray(), 7, values);
        Assert.That(values, Is.EqualTo(TestShapes.Values(value)).Within(1e-4f));
    }

    [Test]
    public void WithoutAnArchitectureActingUsesTheLargestAndOneArchitectureForTheBatchTakesTheSmallLayers()
    {
        manual_seed(2);
        using var policy = ActorCritic.Create(Spec(), TestShapes.Discrete);
        Assert.That(policy.Architectures![policy.DefaultArchitecture], Is.EqualTo(new[] { 16, 16 }));
        using var scope = NewDisposeScope();
        var obs = randn(3, 5);
        var descriptor = TestShapes.Descriptors(TestShapes.Discrete, 1)[0];
        var byDefault = policy.RawOutputs(obs, descriptor).Raw;
        var largest = policy.RawOutputs(obs, descriptor, [policy.DefaultArchitecture]).Raw;
        Assert.That(TestShapes.Values(byDefault), Is.EqualTo(TestShapes.Values(largest)));
        Assert.That(() => policy.RawOutputs(obs, descriptor, [policy.Architectures.Count]), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void CriticHiddenSizesTheValueNetworkOfEveryScheme()
    {
        foreach (var conditioning in new[] { ConditioningKind.Hyper, ConditioningKind.Film, ConditioningKind.Mlp })
        {
            manual_seed(1);
            using var policy = ActorCritic.Create(TestShapes.Hyper() with { Conditioning = conditioning, CriticHidden = [8, 4, 4] }, TestShapes.Discrete);
            using var scope = NewDisposeScope();
            var descriptor = TestShapes.Descriptors(TestShapes.Discrete, 1)[0];
            var snapshotCritic = policy.ToPlain(TestShapes.Values(descriptor));
            Assert.That(snapshotCritic.Spec.ResolveCriticHidden(), Is.EqualTo(new[] { 8, 4, 4 }), conditioning.ToString());
            Assert.That(snapshotCritic.Spec.Hidden, Is.EqualTo(new[] { 16, 16 }), conditioning.ToString());
            var obs = randn(4, 5);
            Assert.That(TestShapes.Values(snapshotCritic.Value(obs, descriptor)), Is.EqualTo(TestShapes.Values(policy.Value(obs, descriptor))).Within(1e-5f));
            snapshotCritic.Dispose();
        }
    }
}
