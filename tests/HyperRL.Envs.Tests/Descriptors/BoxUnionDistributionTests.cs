using HyperRL.Envs.ClassicControl;
using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Registry;
using HyperRL.Envs.Util;

namespace HyperRL.Envs.Tests.Descriptors;

/// <summary>
/// <see cref="ParameterDistribution.Boxes"/>: an L-shaped train region, a thin box along pole_length and a thin box
/// along force_mag, that only a union of boxes can express (its bounding box would sample the empty corner).
/// </summary>
public sealed class BoxUnionDistributionTests
{
    private static readonly IReadOnlyDictionary<string, ParameterRange> s_tall =
        new Dictionary<string, ParameterRange> { ["pole_length"] = new(0.3, 0.4), ["force_mag"] = new(7, 13) };

    private static readonly IReadOnlyDictionary<string, ParameterRange> s_wide =
        new Dictionary<string, ParameterRange> { ["pole_length"] = new(0.3, 0.7), ["force_mag"] = new(7, 8) };

    private static EnvOptions LShaped(IReadOnlyDictionary<string, ParameterRange>? train = null) => new()
    {
        Randomize = new ParameterDistribution
        {
            Train = train ?? new Dictionary<string, ParameterRange>(),
            Boxes = [s_tall, s_wide],
        },
    };

    private static bool Inside(IReadOnlyDictionary<string, ParameterRange> box, ReadOnlySpan<double> d) =>
        d[CartPoleDescriptor.PoleLength] >= box["pole_length"].Low && d[CartPoleDescriptor.PoleLength] <= box["pole_length"].High
        && d[CartPoleDescriptor.ForceMag] >= box["force_mag"].Low && d[CartPoleDescriptor.ForceMag] <= box["force_mag"].High;

    [Test]
    public void SamplesStayInsideTheUnionAndUseBothBoxesAboutEqually()
    {
        Env env = EnvRegistry.Make("CartPole-v1", LShaped());
        int onlyTall = 0, onlyWide = 0;
        const int resets = 4000;
        for (int episode = 0; episode < resets; episode++)
        {
            env.Reset(episode == 0 ? 3 : null);
            ReadOnlySpan<double> d = env.Descriptor;
            bool tall = Inside(s_tall, d), wide = Inside(s_wide, d);
            Assert.That(tall || wide, Is.True, $"reset {episode}: {env.DescriptorSpec.Format(d)} is outside both boxes");
            Assert.That(d[CartPoleDescriptor.Gravity], Is.EqualTo(9.8), "unlisted parameters keep their value");
            if (tall && !wide) onlyTall++;
            if (wide && !tall) onlyWide++;
        }
        // Each box's share of samples outside the other: tall 5/6 (force_mag above 8), wide 3/4 (pole_length above 0.4);
        // a box chosen half the time gives about resets * 0.5 * share; 6 sigma bounds.
        Assert.That(onlyTall, Is.InRange(resets * 0.5 * 5 / 6 - 170, resets * 0.5 * 5 / 6 + 170));
        Assert.That(onlyWide, Is.InRange(resets * 0.5 * 3 / 4 - 170, resets * 0.5 * 3 / 4 + 170));
    }

    [Test]
    public void TrainRangesAndBoxesCombine()
    {
        Env env = EnvRegistry.Make("CartPole-v1", LShaped(new Dictionary<string, ParameterRange> { ["gravity"] = new(5, 15) }));
        var gravities = new HashSet<double>();
        for (int episode = 0; episode < 50; episode++)
        {
            env.Reset(episode == 0 ? 0 : null);
            Assert.That(env.Descriptor[CartPoleDescriptor.Gravity], Is.InRange(5.0, 15.0));
            Assert.That(Inside(s_tall, env.Descriptor) || Inside(s_wide, env.Descriptor), Is.True);
            gravities.Add(env.Descriptor[CartPoleDescriptor.Gravity]);
        }
        Assert.That(gravities, Has.Count.GreaterThan(45));
    }

    [Test]
    public void PinnedValuesInBoxesAreExact()
    {
        var options = new EnvOptions
        {
            Randomize = new ParameterDistribution
            {
                Boxes =
                [
                    new Dictionary<string, ParameterRange> { ["pole_length"] = new(0.3, 0.3), ["actuator_gain"] = new(1, 1) },
                    new Dictionary<string, ParameterRange> { ["pole_length"] = new(0.7, 0.7), ["actuator_gain"] = new(-1, -1) },
                ],
            },
        };
        Env env = EnvRegistry.Make("CartPole-v1", options);
        var seen = new HashSet<(double, double)>();
        for (int episode = 0; episode < 64; episode++)
        {
            env.Reset(episode == 0 ? 1 : null);
            seen.Add((env.Descriptor[CartPoleDescriptor.PoleLength], env.Descriptor[CartPoleDescriptor.ActuatorGain]));
        }
        Assert.That(seen, Is.EquivalentTo(new[] { (0.3, 1.0), (0.7, -1.0) }));
    }

    [Test]
    public void SameSeedGivesTheSameDescriptorSequence()
    {
        double[][] Sequence(int seed)
        {
            Env env = EnvRegistry.Make("CartPole-v1", LShaped());
            var rows = new double[30][];
            for (int episode = 0; episode < rows.Length; episode++)
            {
                env.Reset(episode == 0 ? seed : null);
                rows[episode] = env.Descriptor.ToArray();
            }
            return rows;
        }
        Assert.That(Sequence(7), Is.EqualTo(Sequence(7)));
        Assert.That(Sequence(7), Is.Not.EqualTo(Sequence(8)));
    }

    [Test]
    public void WithoutBoxesTheRandomStreamIsUnchanged()
    {
        // The Train-only sampler must draw exactly what it drew before boxes existed: one uniform per range, in
        // descriptor order, from the env's generator.
        var train = new Dictionary<string, ParameterRange> { ["pole_mass"] = new(0.05, 0.2), ["gravity"] = new(5, 15) };
        var bound = new ParameterDistribution { Train = train }.Bind(CartPoleDescriptor.Spec);
        var rng = new Rng(42);
        var expected = new Rng(42);
        var descriptor = CartPoleDescriptor.Spec.Defaults();
        for (int i = 0; i < 10; i++)
        {
            bound.Sample(rng, descriptor);
            Assert.That(descriptor[CartPoleDescriptor.Gravity], Is.EqualTo(expected.Uniform(5, 15)));
            Assert.That(descriptor[CartPoleDescriptor.PoleMass], Is.EqualTo(expected.Uniform(0.05, 0.2)));
        }
        Assert.That(rng.GetState(), Is.EqualTo(expected.GetState()));
    }

    [Test]
    public void SamplingAllocatesNothing()
    {
        var bound = new ParameterDistribution { Boxes = [s_tall, s_wide] }.Bind(CartPoleDescriptor.Spec);
        var rng = new Rng(1);
        var descriptor = CartPoleDescriptor.Spec.Defaults();
        for (int i = 0; i < 1000; i++) bound.Sample(rng, descriptor); // warm up the JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) bound.Sample(rng, descriptor);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void RestoredEnvDrawsTheSameBoxesAsTheOriginal()
    {
        var original = EnvRegistry.Make("CartPole-v1", LShaped());
        original.Reset(5);
        for (int episode = 0; episode < 7; episode++) original.Reset();
        var restored = EnvRegistry.Make("CartPole-v1", LShaped());
        Snapshots.Snapshots.Load(restored, Snapshots.Snapshots.Save(original));
        Assert.That(restored.Descriptor.ToArray(), Is.EqualTo(original.Descriptor.ToArray()));
        for (int episode = 0; episode < 20; episode++)
        {
            original.Reset();
            restored.Reset();
            Assert.That(restored.Descriptor.ToArray(), Is.EqualTo(original.Descriptor.ToArray()), $"reset {episode}");
        }
    }

    [Test]
    public void BoxesNamingDifferentParametersAreRefused()
    {
        var options = new EnvOptions
        {
            Randomize = new ParameterDistribution
            {
                Boxes = [s_tall, new Dictionary<string, ParameterRange> { ["pole_length"] = new(0.3, 0.7) }],
            },
        };
        var ex = Assert.Throws<ArgumentException>(() => EnvRegistry.Make("CartPole-v1", options));
        Assert.That(ex!.Message, Does.Contain("Boxes[1] names pole_length but Boxes[0] names pole_length, force_mag"));
    }

    [Test]
    public void ABoxParameterAlsoInTrainIsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => EnvRegistry.Make("CartPole-v1",
            LShaped(new Dictionary<string, ParameterRange> { ["force_mag"] = new(5, 15) })));
        Assert.That(ex!.Message, Does.Contain("Boxes[0]").And.Contain("force_mag").And.Contain("Train"));
    }

    [Test]
    public void AnEmptyBoxIsRefused()
    {
        var options = new EnvOptions { Randomize = new ParameterDistribution { Boxes = [new Dictionary<string, ParameterRange>()] } };
        var ex = Assert.Throws<ArgumentException>(() => EnvRegistry.Make("CartPole-v1", options));
        Assert.That(ex!.Message, Does.Contain("Boxes[0] names no descriptor parameter"));
    }

    [Test]
    public void ABoxOutsideTheValidRangeIsRefusedNamingTheParameter()
    {
        var options = new EnvOptions
        {
            Randomize = new ParameterDistribution
            {
                Boxes = [s_tall, new Dictionary<string, ParameterRange> { ["pole_length"] = new(0.3, 9), ["force_mag"] = new(7, 8) }],
            },
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => EnvRegistry.Make("CartPole-v1", options));
        Assert.That(ex!.Message, Does.Contain("pole_length").And.Contain("outside"));
    }

    [Test]
    public void BoxesAloneMakeTheDistributionNonEmpty()
    {
        Assert.That(new ParameterDistribution().IsEmpty, Is.True);
        Assert.That(new ParameterDistribution { Boxes = [s_tall] }.IsEmpty, Is.False);
    }
}
