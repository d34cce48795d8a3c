using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Wrappers;

namespace HyperRL.Envs.Tests.Core;

public sealed class EnvContractTests
{
    [Test]
    public void StepBeforeResetIsAClearError()
    {
        var env = new CountingEnv();
        var e = Assert.Throws<InvalidOperationException>(() => env.Step(1));
        Assert.That(e!.Message, Does.Contain("call Reset first"));
    }

    [Test]
    public void StepAfterTerminationWithoutResetIsAClearError()
    {
        var env = new CountingEnv();
        env.Reset(seed: 1);
        StepResult last = env.Step(1);
        while (!last.Done) last = env.Step(1);
        Assert.That(last.Terminated, Is.True);
        Assert.Throws<InvalidOperationException>(() => env.Step(1));
        env.Reset();
        Assert.DoesNotThrow(() => env.Step(1));
    }

    [Test]
    public void ActionOutsideTheSpaceNamesTheSpace()
    {
        var env = new CountingEnv();
        env.Reset(seed: 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => env.Step(2));
        Assert.That(e!.Message, Does.Contain("Discrete(2)"));
        Assert.Throws<ArgumentException>(() => env.Step(new[] { 0.5f }), "float action on a discrete env");
    }

    [Test]
    public void SameSeedSameEpisodeDifferentSeedDifferentEpisode()
    {
        var a = new CountingEnv();
        var b = new CountingEnv();
        Assert.That(a.Reset(seed: 7).Observation, Is.EqualTo(b.Reset(seed: 7).Observation));
        Assert.That(a.Reset(seed: 8).Observation, Is.Not.EqualTo(b.Reset(seed: 7).Observation));
    }

    [Test]
    public void DescriptorOptionsAreValidatedByNameAndRange()
    {
        var unknown = Assert.Throws<ArgumentException>(() => new CountingEnv(new EnvOptions { Parameters = new Dictionary<string, double> { ["gaol"] = 2 } }));
        Assert.That(unknown!.Message, Does.Contain("gaol").And.Contain("goal, scale"));
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => new CountingEnv(new EnvOptions { Parameters = new Dictionary<string, double> { ["goal"] = 11 } }));
        Assert.That(outOfRange!.Message, Does.Contain("goal").And.Contain("[1, 10]"));
        var env = new CountingEnv(new EnvOptions { Parameters = new Dictionary<string, double> { ["goal"] = 5 } });
        Assert.That(env.Descriptor.ToArray(), Is.EqualTo(new[] { 5.0, 1.0 }));
    }

    [Test]
    public void RandomizationResamplesWithinTheTrainRangeAtEveryReset()
    {
        var options = new EnvOptions
        {
            Randomize = new ParameterDistribution { Train = new Dictionary<string, ParameterRange> { ["scale"] = new(0.5, 1.5) } },
        };
        var env = new CountingEnv(options);
        var seen = new HashSet<double>();
        for (int i = 0; i < 20; i++)
        {
            var reset = env.Reset(seed: i);
            double scale = reset.Info.Descriptor[1];
            Assert.That(scale, Is.InRange(0.5, 1.5));
            Assert.That(reset.Info.Descriptor[0], Is.EqualTo(3.0), "unlisted parameters keep their value");
            seen.Add(scale);
        }
        Assert.That(seen.Count, Is.EqualTo(20));
        Assert.That(new CountingEnv(options).Reset(seed: 3).Info.Descriptor, Is.EqualTo(env.Reset(seed: 3).Info.Descriptor), "seeded");

        var badRange = new EnvOptions { Randomize = new ParameterDistribution { Train = new Dictionary<string, ParameterRange> { ["scale"] = new(0.1, 1.5) } } };
        Assert.Throws<ArgumentOutOfRangeException>(() => new CountingEnv(badRange));
    }

    [Test]
    public void ParameterRangeParsesAndRejectsGarbage()
    {
        Assert.That(ParameterRange.Parse("0.3:0.8"), Is.EqualTo(new ParameterRange(0.3, 0.8)));
        Assert.That(ParameterRange.Parse("2"), Is.EqualTo(new ParameterRange(2, 2)));
        Assert.Throws<FormatException>(() => ParameterRange.Parse("a:b"));
        Assert.Throws<FormatException>(() => ParameterRange.Parse("0.8:0.3"));
    }

    [Test]
    public void TimeLimitTruncatesAtTheLimitAndEndsTheEpisode()
    {
        var env = new TimeLimit(new CountingEnv(new EnvOptions { Parameters = new Dictionary<string, double> { ["goal"] = 10 } }), 4);
        env.Reset(seed: 0);
        StepResult step = env.Step(1);
        for (int i = 1; i < 4; i++)
        {
            Assert.That(step.Truncated, Is.False);
            step = env.Step(i % 2);
        }
        Assert.That(step.Truncated, Is.True);
        Assert.That(step.Terminated, Is.False);
        Assert.That(step.Info.EpisodeStep, Is.EqualTo(4));
        Assert.Throws<InvalidOperationException>(() => env.Step(1));
        env.Reset();
        Assert.That(env.Step(1).Truncated, Is.False, "the count restarts at reset");
    }
}
