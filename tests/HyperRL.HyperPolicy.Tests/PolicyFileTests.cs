using System.Security.Cryptography;
using System.Text;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

public sealed class PolicyFileTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("hyperpolicy-tests").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [TestCase(ConditioningKind.Hyper, HyperKind.Full)]
    [TestCase(ConditioningKind.Hyper, HyperKind.Chunked)]
    [TestCase(ConditioningKind.Film, HyperKind.Full)]
    public void RoundTripGivesIdenticalOutputs(ConditioningKind conditioning, HyperKind kind)
    {
        manual_seed(12);
        var spec = TestShapes.Hyper(kind) with { Conditioning = conditioning, Head = HeadKind.TanhGaussian, LogStd = LogStdKind.StateDependent };
        using var policy = ActorCritic.Create(spec, TestShapes.Continuous);
        var path = Path.Combine(folder, "policy.hrl");
        PolicyFile.Save(path, policy);
        using var loaded = (ActorCritic)PolicyFile.Load(path, ActorCritic.KindName, TestShapes.Continuous);

        Assert.That(loaded.Spec.SameAs(spec), Is.True);
        Assert.That(loaded.Shapes.SameAs(TestShapes.Continuous), Is.True);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var obs = randn(6, 5);
        var desc = TestShapes.Descriptors(TestShapes.Continuous, 6);
        var actions = policy.Act(obs, desc, deterministic: true).Action;
        var original = policy.Evaluate(obs, desc, actions);
        var restored = loaded.Evaluate(obs, desc, actions);
        Assert.That(restored.LogProb.allclose(original.LogProb, rtol: 0, atol: 0), Is.True);
        Assert.That(restored.Value.allclose(original.Value, rtol: 0, atol: 0), Is.True);
        Assert.That(Directory.GetFiles(folder), Has.Length.EqualTo(1), "temporary file left behind");
    }

    [Test]
    public void QNetworkRoundTripAndLoadInto()
    {
        manual_seed(13);
        var spec = TestShapes.Hyper() with { Head = HeadKind.Dueling };
        using var network = QNetwork.Create(spec, TestShapes.Discrete);
        using var other = QNetwork.Create(spec, TestShapes.Discrete);
        var path = Path.Combine(folder, "q.hrl");
        PolicyFile.Save(path, network);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var obs = randn(4, 5);
        var desc = TestShapes.Descriptors(TestShapes.Discrete, 4);
        other.QValues(obs, desc); // fills the cache, which LoadInto must drop
        PolicyFile.LoadInto(path, other);
        Assert.That(other.QValues(obs, desc).allclose(network.QValues(obs, desc), rtol: 0, atol: 0), Is.True);
        using var loaded = (QNetwork)PolicyFile.Load(path);
        Assert.That(loaded.QValues(obs, desc).allclose(network.QValues(obs, desc), rtol: 0, atol: 0), Is.True);
    }

    [TestCase(QDistributionKind.Quantile, false)]
    [TestCase(QDistributionKind.Categorical, false)]
    [TestCase(QDistributionKind.Quantile, true)]
    public void DistributionalQNetworkRoundTrip(QDistributionKind distribution, bool noisy)
    {
        manual_seed(17);
        var options = new QNetworkOptions { Distribution = distribution, Quantiles = 4, Atoms = 6, VMin = -1, VMax = 2, Noisy = noisy, NoisySigma = 0.3f };
        using var network = QNetwork.Create(TestShapes.Hyper() with { Head = HeadKind.Dueling }, TestShapes.Discrete, options);
        TestParameters.Perturb(network);
        // The current noise is saved with the weights (buffers), so a checkpoint resumes with it.
        network.ResetNoise(Enumerable.Range(0, network.NoiseSize).Select(i => MathF.Sin(i)).ToArray());
        var path = Path.Combine(folder, "distributional.hrl");
        PolicyFile.Save(path, network);
        Assert.That(PolicyFile.ReadHeader(path).Options, Is.Not.Null);
        using var loaded = (QNetwork)PolicyFile.Load(path, QNetwork.KindName);
        Assert.That(loaded.Options, Is.EqualTo(options));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var obs = randn(4, 5);
        var desc = TestShapes.Descriptors(TestShapes.Discrete, 4);
        Assert.That(loaded.Distribution(obs, desc).allclose(network.Distribution(obs, desc), rtol: 0, atol: 0), Is.True);
        Assert.That(loaded.QValues(obs, desc).allclose(network.QValues(obs, desc), rtol: 0, atol: 0), Is.True);
        using var plain = QNetwork.Create(TestShapes.Hyper() with { Head = HeadKind.Dueling }, TestShapes.Discrete);
        Assert.That(() => PolicyFile.LoadInto(path, plain), Throws.TypeOf<PolicyFileException>().With.Message.Contains("other model options"));
    }

    [Test]
    public void DefaultQNetworkFilesHaveNoOptions()
    {
        using var network = QNetwork.Create(TestShapes.Hyper(), TestShapes.Discrete);
        var path = Path.Combine(folder, "plain.hrl");
        PolicyFile.Save(path, network);
        Assert.That(PolicyFile.ReadHeader(path).Options, Is.Null, "files of plain DQN read as before");
    }

    [Test]
    public void MismatchesAreClearErrors()
    {
        manual_seed(14);
        using var policy = ActorCritic.Create(TestShapes.Hyper(), TestShapes.Discrete);
        var path = Path.Combine(folder, "policy.hrl");
        PolicyFile.Save(path, policy);

        var otherDescriptor = TestShapes.Discrete with { DescriptorLow = [0f, 0f], DescriptorHigh = [1f, 1f] };
        Assert.That(() => PolicyFile.Load(path, expectedShapes: otherDescriptor),
            Throws.TypeOf<PolicyFileException>().With.Message.Contains("descriptor length 3 vs 2"));
        Assert.That(() => PolicyFile.Load(path, QNetwork.KindName),
            Throws.TypeOf<PolicyFileException>().With.Message.Contains("holds a model of kind 'actor_critic', expected 'q_network'").And.Message.Not.Contains("\n"));
        using var network = QNetwork.Create(TestShapes.Hyper(), TestShapes.Discrete);
        Assert.That(() => PolicyFile.LoadInto(path, network),
            Throws.TypeOf<PolicyFileException>().With.Message.Contains("holds a model of kind 'actor_critic', expected 'q_network'"));
        using var otherSpec = ActorCritic.Create(TestShapes.Hyper(HyperKind.LowRank), TestShapes.Discrete);
        Assert.That(() => PolicyFile.LoadInto(path, otherSpec), Throws.TypeOf<PolicyFileException>().With.Message.Contains("another policy spec"));
    }

    [Test]
    public void CorruptOrTruncatedFilesAreClearErrors()
    {
        manual_seed(15);
        using var policy = ActorCritic.Create(TestShapes.Hyper(), TestShapes.Discrete);
        var path = Path.Combine(folder, "policy.hrl");
        PolicyFile.Save(path, policy);
        var bytes = File.ReadAllBytes(path);

        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.That(() => PolicyFile.Load(path), Throws.TypeOf<PolicyFileException>().With.Message.Contains("corrupt or truncated"));

        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length - 100] ^= 0xFF;
        File.WriteAllBytes(path, flipped);
        Assert.That(() => PolicyFile.Load(path), Throws.TypeOf<PolicyFileException>().With.Message.Contains("checksum mismatch"));

        File.WriteAllText(path, "not a policy");
        Assert.That(() => PolicyFile.Load(path), Throws.TypeOf<PolicyFileException>().With.Message.Contains("not a HyperRL policy file"));
        Assert.That(() => PolicyFile.Load(Path.Combine(folder, "missing.hrl")), Throws.TypeOf<PolicyFileException>());
    }

    [Test]
    public void ActorRoundTripGivesIdenticalOutputs()
    {
        manual_seed(16);
        var spec = TestShapes.Hyper() with { LogStd = LogStdKind.StateDependent, LogStdInit = -0.5f };
        using var actor = Actor.Create(spec, TestShapes.Continuous);
        var path = Path.Combine(folder, "actor.hrlp");
        PolicyFile.Save(path, actor);
        Assert.That(PolicyFile.ReadHeader(path).Model, Is.EqualTo("actor"));
        using var loaded = (Actor)PolicyFile.Load(path, Actor.KindName, TestShapes.Continuous);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var obs = randn(6, 5);
        var desc = TestShapes.Descriptors(TestShapes.Continuous, 6);
        Assert.That(loaded.Deterministic(obs, desc).allclose(actor.Deterministic(obs, desc), rtol: 0, atol: 0), Is.True);
        var actions = actor.Sample(obs, desc).Action;
        Assert.That(loaded.LogProb(obs, desc, actions).allclose(actor.LogProb(obs, desc, actions), rtol: 0, atol: 0), Is.True);

        using var other = Actor.Create(spec, TestShapes.Continuous);
        other.Deterministic(obs, desc); // fills the weight cache, which LoadInto must drop
        PolicyFile.LoadInto(path, other);
        Assert.That(other.Deterministic(obs, desc).allclose(actor.Deterministic(obs, desc), rtol: 0, atol: 0), Is.True);
    }

    [Test]
    public void UnknownModelKindIsAOneLineErrorListingTheKnownKinds()
    {
        manual_seed(17);
        using var policy = ActorCritic.Create(TestShapes.Hyper(), TestShapes.Discrete);
        var path = Path.Combine(folder, "policy.hrlp");
        PolicyFile.Save(path, policy);
        RewriteHeader(path, header => header.Replace("\"model\":\"actor_critic\"", "\"model\":\"world_model\""));

        Assert.That(PolicyFile.ReadHeader(path).Model, Is.EqualTo("world_model"), "the header stays readable");
        var error = Assert.Throws<PolicyFileException>(() => PolicyFile.Load(path))!;
        Assert.That(error.Message, Does.Contain("'world_model'").And.Contain("known kinds: actor_critic, q_network, actor").And.Not.Contain("\n"));
        Assert.That(() => PolicyModels.CreatorFor("world_model"), Throws.TypeOf<PolicyFileException>().With.Message.Contains("known kinds"));
        Assert.That(PolicyModels.Kinds, Is.EqualTo(new[] { "actor_critic", "q_network", "actor" }));
    }

    [Test]
    public void EveryKnownKindIsBuiltByItsCreator()
    {
        var shapes = new Dictionary<string, PolicyShapes>
        {
            [ActorCritic.KindName] = TestShapes.Discrete,
            [QNetwork.KindName] = TestShapes.Discrete,
            [Actor.KindName] = TestShapes.Continuous,
        };
        foreach (var kind in PolicyModels.Kinds)
        {
            using var model = PolicyModels.Create(kind, TestShapes.Hyper(), shapes[kind]);
            Assert.That(model.Kind, Is.EqualTo(kind));
            Assert.That(model.ParameterCount, Is.EqualTo(model.parameters().Sum(p => p.numel())).And.GreaterThan(0));
        }
    }

    /// <summary>Files written before PolicyModel existed (commit 386e9d0) load, and saving them again gives the same bytes.</summary>
    [TestCase("actor_critic_v1.hrlp", "actor_critic")]
    [TestCase("q_network_v1.hrlp", "q_network")]
    public void EarlierFilesLoadAndResaveByteForByte(string fixture, string kind)
    {
        var original = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", fixture);
        using var model = PolicyFile.Load(original, kind);
        Assert.That(model.Kind, Is.EqualTo(kind));
        var resaved = Path.Combine(folder, fixture);
        PolicyFile.Save(resaved, model);
        Assert.That(File.ReadAllBytes(resaved), Is.EqualTo(File.ReadAllBytes(original)));
    }

    /// <summary>Replaces the JSON header and recomputes the checksum, as a writer of another version would.</summary>
    private static void RewriteHeader(string path, Func<string, string> edit)
    {
        var bytes = File.ReadAllBytes(path);
        const int magicSize = 8;
        var headerLength = BitConverter.ToInt32(bytes, magicSize);
        var header = Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(bytes, magicSize + 4, headerLength)));
        var weightsStart = magicSize + 4 + headerLength + 8;
        var weights = bytes.AsSpan(weightsStart, bytes.Length - weightsStart - 32).ToArray();
        using var file = new BinaryWriter(File.Create(path));
        file.Write(bytes.AsSpan(0, magicSize));
        file.Write(header.Length);
        file.Write(header);
        file.Write((long)weights.Length);
        file.Write(weights);
        file.Write(SHA256.HashData([.. header, .. weights]));
    }
}
