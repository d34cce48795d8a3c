namespace HyperRL.HyperPolicy.Tests;

public sealed class PolicySpecTests
{
    [Test]
    public void ParsesTheDocumentedExampleAndRoundTrips()
    {
        var spec = PolicySpec.Parse("""{"conditioning":"hyper","hyper":{"kind":"chunked","embedding":32,"chunkSize":256},"hidden":[64,64],"activation":"tanh","head":"categorical"}""");
        Assert.That(spec.Conditioning, Is.EqualTo(ConditioningKind.Hyper));
        Assert.That(spec.Hyper.Kind, Is.EqualTo(HyperKind.Chunked));
        Assert.That(spec.Hyper.ChunkSize, Is.EqualTo(256));
        Assert.That(spec.Hidden, Is.EqualTo(new[] { 64, 64 }));
        Assert.That(spec.Head, Is.EqualTo(HeadKind.Categorical));
        Assert.That(PolicySpec.Parse(spec.ToJson()).SameAs(spec), Is.True);
    }

    [Test]
    public void ConcatInputIsReadWrittenAndRoundTrips()
    {
        Assert.That(PolicySpec.Parse("""{"conditioning":"hyper"}""").Hyper.ConcatInput, Is.False, "off by default (older spec files)");
        var spec = PolicySpec.Parse("""{"conditioning":"hyper","hyper":{"kind":"lowrank","concatInput":true}}""");
        Assert.That(spec.Hyper.ConcatInput, Is.True);
        Assert.That(spec.Hyper.Kind, Is.EqualTo(HyperKind.LowRank));
        var json = spec.ToJson();
        Assert.That(json, Does.Contain("\"concatInput\":true"));
        var back = PolicySpec.Parse(json);
        Assert.That(back.Hyper.ConcatInput, Is.True);
        Assert.That(back.SameAs(spec), Is.True);
        Assert.That(back.SameAs(spec with { Hyper = spec.Hyper with { ConcatInput = false } }), Is.False);
        Assert.That(PolicySpec.Parse(new PolicySpec().ToJson()).Hyper.ConcatInput, Is.False);
        Assert.That(new PolicySpec().ToJson(), Does.Not.Contain("concatInput"), "off: written as before the option existed");
        var error = Assert.Throws<PolicySpecException>(() => PolicySpec.Parse("""{"hyper":{"concatInput":"yes"}}"""))!;
        Assert.That(error.Message, Is.EqualTo("'hyper.concatInput' in policy spec must be true or false, got 'yes'"));
        foreach (var kind in Enum.GetValues<HyperKind>())
            Assert.DoesNotThrow(() => ActorCritic.Create(TestShapes.ConcatInput(TestShapes.Hyper(kind)), TestShapes.Discrete).Dispose(), $"{kind}");
    }

    [Test]
    public void UnknownKeyListsAllowedKeys()
    {
        var error = Assert.Throws<PolicySpecException>(() => PolicySpec.Parse("""{"hiden":[64]}"""))!;
        Assert.That(error.Message, Does.StartWith("unknown key 'hiden' in policy spec; allowed: conditioning, hyper,"));
        Assert.That(error.Message, Does.Contain("hidden"));
        var nested = Assert.Throws<PolicySpecException>(() => PolicySpec.Parse("""{"hyper":{"rnak":2}}"""))!;
        Assert.That(nested.Message, Does.Contain("unknown key 'rnak'").And.Contain("rank"));
    }

    [TestCase("""{"conditioning":"hypr"}""", "unknown value 'hypr' for 'conditioning' in policy spec; allowed: mlp, concat, film, hyper")]
    [TestCase("""{"hyper":{"kind":"big"}}""", "unknown value 'big' for 'hyper.kind' in policy spec; allowed: full, chunked, lowrank")]
    [TestCase("""{"hyper":{"init":"xavier"}}""", "unknown value 'xavier' for 'hyper.init' in policy spec; allowed: hyperfan_in, hyperfan_out, bias")]
    [TestCase("""{"head":"beta"}""", "unknown value 'beta' for 'head' in policy spec; allowed: auto, categorical, gaussian, tanh_gaussian, q, dueling")]
    [TestCase("""{"hidden":[64,-1]}""", "'hidden[]' in policy spec must be an integer >= 1, got -1")]
    [TestCase("""{"sharedTrunk":"yes"}""", "'sharedTrunk' in policy spec must be true or false, got 'yes'")]
    public void BadValuesAreOneLineErrors(string json, string message)
    {
        var error = Assert.Throws<PolicySpecException>(() => PolicySpec.Parse(json))!;
        Assert.That(error.Message, Is.EqualTo(message));
    }

    [Test]
    public void InvalidJsonIsASpecError()
    {
        var error = Assert.Throws<PolicySpecException>(() => PolicySpec.Parse("{\"hidden\": [64,"))!;
        Assert.That(error.Message, Does.StartWith("policy spec is not a valid JSON object"));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void DescriptorLengthMismatchIsReported()
    {
        var spec = PolicySpec.Parse("""{"descriptorSize":4}""");
        var error = Assert.Throws<PolicySpecException>(() => spec.Validate(TestShapes.Discrete))!;
        Assert.That(error.Message, Is.EqualTo("policy spec was written for descriptor length 4, but the environment provides descriptor length 3"));

        var ragged = TestShapes.Discrete with { DescriptorHigh = [1f, 1f] };
        Assert.That(() => new PolicySpec().Validate(ragged), Throws.TypeOf<PolicySpecException>().With.Message.Contains("descriptor low has 3 values but descriptor high has 2"));
    }

    [Test]
    public void HeadMustFitTheActionSpace()
    {
        var error = Assert.Throws<PolicySpecException>(() => PolicySpec.Parse("""{"head":"gaussian"}""").Validate(TestShapes.Discrete))!;
        Assert.That(error.Message, Does.Contain("needs continuous actions"));
        Assert.That(() => ActorCritic.Create(PolicySpec.Parse("""{"head":"dueling"}"""), TestShapes.Discrete),
            Throws.TypeOf<PolicySpecException>().With.Message.Contains("Q-value head"));
        Assert.That(() => QNetwork.Create(PolicySpec.Parse("""{"head":"categorical"}"""), TestShapes.Discrete),
            Throws.TypeOf<PolicySpecException>().With.Message.Contains("policy head"));
        var noBounds = TestShapes.Continuous with { ActionLow = null, ActionHigh = null };
        Assert.That(() => PolicySpec.Parse("""{"head":"tanh_gaussian"}""").Validate(noBounds),
            Throws.TypeOf<PolicySpecException>().With.Message.Contains("needs action bounds"));
    }

    [Test]
    public void HyperOptionsAreCheckedAgainstTheNetwork()
    {
        Assert.That(() => PolicySpec.Parse("""{"hidden":[8],"hyper":{"generatedLayers":3}}""").Validate(TestShapes.Discrete),
            Throws.TypeOf<PolicySpecException>().With.Message.Contains("only 2 layers"));
        Assert.That(() => PolicySpec.Parse("""{"hyper":{"kind":"chunked","init":"bias"}}""").Validate(TestShapes.Discrete),
            Throws.TypeOf<PolicySpecException>().With.Message.Contains("allowed for kind 'chunked': hyperfan_in, hyperfan_out"));
        var noDescriptor = TestShapes.Discrete with { DescriptorLow = [], DescriptorHigh = [] };
        Assert.That(() => new PolicySpec().Validate(noDescriptor), Throws.TypeOf<PolicySpecException>().With.Message.Contains("use conditioning 'mlp'"));
        Assert.That(() => PolicySpec.Parse("""{"conditioning":"mlp"}""").Validate(noDescriptor), Throws.Nothing);
    }
}
