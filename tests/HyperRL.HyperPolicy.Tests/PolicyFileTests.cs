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
        using var loaded = PolicyFile.LoadActorCritic(path, TestShapes.Continuous);

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
        using var loaded = PolicyFile.LoadQNetwork(path);
        Assert.That(loaded.QValues(obs, desc).allclose(network.QValues(obs, desc), rtol: 0, atol: 0), Is.True);
    }

    [Test]
    public void MismatchesAreClearErrors()
    {
        manual_seed(14);
        using var policy = ActorCritic.Create(TestShapes.Hyper(), TestShapes.Discrete);
        var path = Path.Combine(folder, "policy.hrl");
        PolicyFile.Save(path, policy);

        var otherDescriptor = TestShapes.Discrete with { DescriptorLow = [0f, 0f], DescriptorHigh = [1f, 1f] };
        Assert.That(() => PolicyFile.LoadActorCritic(path, otherDescriptor),
            Throws.TypeOf<PolicyFileException>().With.Message.Contains("descriptor length 3 vs 2"));
        Assert.That(() => PolicyFile.LoadQNetwork(path), Throws.TypeOf<PolicyFileException>().With.Message.Contains("holds a actor-critic, not a Q network"));
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
        Assert.That(() => PolicyFile.LoadActorCritic(path), Throws.TypeOf<PolicyFileException>().With.Message.Contains("corrupt or truncated"));

        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length - 100] ^= 0xFF;
        File.WriteAllBytes(path, flipped);
        Assert.That(() => PolicyFile.LoadActorCritic(path), Throws.TypeOf<PolicyFileException>().With.Message.Contains("checksum mismatch"));

        File.WriteAllText(path, "not a policy");
        Assert.That(() => PolicyFile.LoadActorCritic(path), Throws.TypeOf<PolicyFileException>().With.Message.Contains("not a HyperRL policy file"));
        Assert.That(() => PolicyFile.LoadActorCritic(Path.Combine(folder, "missing.hrl")), Throws.TypeOf<PolicyFileException>());
    }
}
