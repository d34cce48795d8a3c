using HyperRL.Envs.ClassicControl;
using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Registry;

namespace HyperRL.Envs.Tests.ClassicControl;

public sealed class ClassicControlDescriptorTests
{
    private static IEnumerable<TestCaseData> GymnasiumDefaults()
    {
        yield return new TestCaseData("CartPole-v1", new[] { "gravity", "cart_mass", "pole_mass", "pole_length", "force_mag", "actuator_gain" },
            new[] { 9.8, 1.0, 0.1, 0.5, 10.0, 1.0 });
        yield return new TestCaseData("Acrobot-v1", new[] { "link_length_1", "link_length_2", "link_mass_1", "link_mass_2", "actuator_gain" },
            new[] { 1.0, 1.0, 1.0, 1.0, 1.0 });
        yield return new TestCaseData("MountainCar-v0", new[] { "force", "gravity" }, new[] { 0.001, 0.0025 });
        yield return new TestCaseData("Pendulum-v1", new[] { "g", "m", "l", "max_torque", "actuator_gain" },
            new[] { 10.0, 1.0, 1.0, 2.0, 1.0 });
    }

    /// <summary>One parameter per env whose change must show in the dynamics.</summary>
    private static IEnumerable<TestCaseData> ParameterChanges()
    {
        yield return new TestCaseData("CartPole-v1", "gravity", 20.0);
        yield return new TestCaseData("CartPole-v1", "pole_length", 1.0);
        yield return new TestCaseData("Acrobot-v1", "link_mass_2", 2.0);
        yield return new TestCaseData("Acrobot-v1", "link_length_1", 0.5);
        yield return new TestCaseData("MountainCar-v0", "gravity", 0.005);
        yield return new TestCaseData("MountainCar-v0", "force", 0.002);
        yield return new TestCaseData("Pendulum-v1", "g", 5.0);
        yield return new TestCaseData("Pendulum-v1", "max_torque", 1.0);
        yield return new TestCaseData("CartPole-v1", "actuator_gain", -1.0);
        yield return new TestCaseData("Acrobot-v1", "actuator_gain", 2.0);
        yield return new TestCaseData("Pendulum-v1", "actuator_gain", -1.0);
    }

    [TestCaseSource(nameof(GymnasiumDefaults))]
    public void DefaultsAreGymnasiumConstants(string id, string[] names, double[] defaults)
    {
        Env env = EnvRegistry.Make(id);
        Assert.That(env.DescriptorSpec.Names, Is.EqualTo(names));
        Assert.That(env.Descriptor.ToArray(), Is.EqualTo(defaults));
        foreach (var p in env.DescriptorSpec.Parameters)
        {
            // Physical quantities are positive; only the gain may go negative, to invert the actuator.
            if (p.Name != "actuator_gain") Assert.That(p.Min, Is.GreaterThan(0), p.Name);
            Assert.That(p.Min, Is.LessThan(p.Default), p.Name);
            Assert.That(p.Max, Is.GreaterThan(p.Default), p.Name);
            Assert.That(p.Description, Is.Not.Empty, p.Name);
        }
    }

    [Test]
    public void PoleLengthIsDocumentedAsTheHalfLength()
    {
        var p = CartPoleDescriptor.Spec.Parameters[CartPoleDescriptor.PoleLength];
        Assert.That(p.Name, Is.EqualTo("pole_length"));
        Assert.That(p.Description, Does.Contain("HALF"));
    }

    [TestCase("CartPole-v1", "gravity", 1000.0)]
    [TestCase("Acrobot-v1", "link_mass_1", 0.0)]
    [TestCase("MountainCar-v0", "force", -0.001)]
    [TestCase("Pendulum-v1", "max_torque", 100.0)]
    public void OutOfRangeParameterThrowsNamingIt(string id, string name, double value)
    {
        var options = new EnvOptions { Parameters = new Dictionary<string, double> { [name] = value } };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => EnvRegistry.Make(id, options));
        Assert.That(ex!.Message, Does.Contain(name));
    }

    [Test]
    public void UnknownParameterThrowsNamingIt()
    {
        var options = new EnvOptions { Parameters = new Dictionary<string, double> { ["masscart"] = 1.0 } };
        var ex = Assert.Throws<ArgumentException>(() => EnvRegistry.Make("CartPole-v1", options));
        Assert.That(ex!.Message, Does.Contain("masscart"));
    }

    [TestCaseSource(nameof(ParameterChanges))]
    public void ChangingAParameterChangesTheDynamics(string id, string name, double value)
    {
        var options = new EnvOptions { Parameters = new Dictionary<string, double> { [name] = value } };
        Env changed = EnvRegistry.Make(id, options);
        Assert.That(changed.Descriptor[changed.DescriptorSpec.IndexOf(name)], Is.EqualTo(value));
        var baseline = Rollouts.Run(EnvRegistry.Make(id), seed: 5, steps: 30);
        var altered = Rollouts.Run(changed, seed: 5, steps: 30);
        Assert.That(altered[0], Is.EqualTo(baseline[0]), "the reset distribution does not depend on the parameters");
        Assert.That(Rollouts.Same(baseline, altered), Is.False);
    }

    [Test]
    public void SetDescriptorTakesEffectImmediately()
    {
        Env env = EnvRegistry.Make("CartPole-v1");
        var physical = (IPhysicalState)env.Unwrapped;
        double[] start = { 0.0, 0.0, 0.05, 0.0 };
        double[] defaults = env.DescriptorSpec.Defaults();

        env.Reset(0);
        physical.SetState(start);
        env.Step(1);
        double[] atDefault = physical.GetState();

        env.Reset(0);
        double[] heavy = (double[])defaults.Clone();
        heavy[CartPoleDescriptor.Gravity] = 30.0;
        env.SetDescriptor(heavy);
        physical.SetState(start);
        env.Step(1);
        Assert.That(physical.GetState()[3], Is.GreaterThan(atDefault[3]), "stronger gravity tips the pole faster");
    }

    [Test]
    public void RandomizationResamplesTheDescriptorAtEachResetWithinRange()
    {
        var options = new EnvOptions
        {
            Randomize = new ParameterDistribution
            {
                Train = new Dictionary<string, ParameterRange> { ["gravity"] = new(5.0, 15.0), ["pole_mass"] = new(0.05, 0.2) },
            },
        };
        Env env = EnvRegistry.Make("CartPole-v1", options);
        var gravities = new HashSet<double>();
        for (int episode = 0; episode < 50; episode++)
        {
            env.Reset(episode == 0 ? 0 : null);
            double gravity = env.Descriptor[CartPoleDescriptor.Gravity];
            Assert.That(gravity, Is.InRange(5.0, 15.0));
            Assert.That(env.Descriptor[CartPoleDescriptor.PoleMass], Is.InRange(0.05, 0.2));
            Assert.That(env.Descriptor[CartPoleDescriptor.CartMass], Is.EqualTo(1.0), "unlisted parameters keep their value");
            gravities.Add(gravity);
        }
        Assert.That(gravities, Has.Count.GreaterThan(45));
    }

    [Test]
    public void RandomizedDescriptorDrivesThePhysics()
    {
        // From the same state, a randomized env steps exactly as an env fixed at the descriptor it sampled,
        // and differently from the default: the physics read the re-sampled values.
        var options = new EnvOptions
        {
            Randomize = new ParameterDistribution { Train = new Dictionary<string, ParameterRange> { ["g"] = new(4.0, 16.0) } },
        };
        Env randomized = EnvRegistry.Make("Pendulum-v1", options);
        for (int episode = 0; episode < 5; episode++)
        {
            randomized.Reset(episode);
            double g = randomized.Descriptor[PendulumDescriptor.G];
            var fixedAtSample = new EnvOptions { Parameters = new Dictionary<string, double> { ["g"] = g } };
            double[] sampledNext = StepFrom(randomized);
            Assert.That(sampledNext, Is.EqualTo(StepFrom(EnvRegistry.Make("Pendulum-v1", fixedAtSample), reset: true)));
            Assert.That(sampledNext, Is.Not.EqualTo(StepFrom(EnvRegistry.Make("Pendulum-v1"), reset: true)));
        }
    }

    private static double[] StepFrom(Env env, bool reset = false)
    {
        if (reset) env.Reset(0);
        var physical = (IPhysicalState)env.Unwrapped;
        physical.SetState(new[] { 1.0, 0.0 });
        env.Step(new[] { 0f });
        return physical.GetState();
    }
}
