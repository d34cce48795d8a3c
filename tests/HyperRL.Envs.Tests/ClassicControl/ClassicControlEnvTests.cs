using HyperRL.Envs.ClassicControl;
using HyperRL.Envs.Core;
using HyperRL.Envs.Registry;
using HyperRL.Envs.Spaces;
using HyperRL.Envs.Wrappers;

namespace HyperRL.Envs.Tests.ClassicControl;

public sealed class ClassicControlEnvTests
{
    private static IEnumerable<string> Ids() => Rollouts.ClassicControlIds;

    [TestCase("CartPole-v1", 500, 475.0)]
    [TestCase("Acrobot-v1", 500, -100.0)]
    [TestCase("MountainCar-v0", 200, -110.0)]
    [TestCase("Pendulum-v1", 200, null)]
    public void RegisteredAsGymnasium(string id, int maxSteps, double? rewardThreshold)
    {
        var registration = EnvRegistry.Get(id);
        Assert.That(registration.MaxEpisodeSteps, Is.EqualTo(maxSteps));
        Assert.That(registration.RewardThreshold, Is.EqualTo(rewardThreshold));
        Env env = EnvRegistry.Make(id);
        Assert.That(env.Id, Is.EqualTo(id));
        Assert.That((env as TimeLimit)?.MaxEpisodeSteps, Is.EqualTo(maxSteps));
        Assert.That(env.Unwrapped, Is.InstanceOf<IPhysicalState>());
        Assert.That(env.DescriptorSpec, Is.SameAs(registration.DescriptorSpec));
    }

    [TestCaseSource(nameof(Ids))]
    public void SameSeedGivesSameEpisode(string id)
    {
        var first = Rollouts.Run(EnvRegistry.Make(id), seed: 7, steps: 100);
        var second = Rollouts.Run(EnvRegistry.Make(id), seed: 7, steps: 100);
        Assert.That(Rollouts.Same(first, second), Is.True);

        // Re-seeding the same instance restarts the same episode too.
        var env = EnvRegistry.Make(id);
        Rollouts.Run(env, seed: 3, steps: 10);
        Assert.That(Rollouts.Same(Rollouts.Run(env, seed: 7, steps: 100), first), Is.True);
    }

    [TestCaseSource(nameof(Ids))]
    public void DifferentSeedsGiveDifferentEpisodes(string id)
    {
        var first = Rollouts.Run(EnvRegistry.Make(id), seed: 1, steps: 20);
        var second = Rollouts.Run(EnvRegistry.Make(id), seed: 2, steps: 20);
        Assert.That(first[0], Is.Not.EqualTo(second[0]));
    }

    [Test]
    public void ResetStatesFollowGymnasiumRanges()
    {
        for (int seed = 0; seed < 200; seed++)
        {
            Assert.That(ResetState("CartPole-v1", seed), Has.All.InRange(-0.05, 0.05));
            double[] acrobot = ResetState("Acrobot-v1", seed);
            Assert.That(acrobot, Has.All.InRange(-0.1, 0.1));
            Assert.That(acrobot.Select(v => (double)(float)v), Is.EqualTo(acrobot), "Acrobot draws its initial state in float32");
            double[] car = ResetState("MountainCar-v0", seed);
            Assert.That(car[0], Is.InRange(-0.6, -0.4));
            Assert.That(car[1], Is.Zero);
            double[] pendulum = ResetState("Pendulum-v1", seed);
            Assert.That(pendulum[0], Is.InRange(-Math.PI, Math.PI));
            Assert.That(pendulum[1], Is.InRange(-1.0, 1.0));
        }
    }

    [Test]
    public void CartPoleSpacesAsGymnasium()
    {
        Env env = EnvRegistry.Make("CartPole-v1");
        Assert.That(env.ActionSpace, Is.EqualTo(new Discrete(2)));
        float thetaLimit = (float)(2 * 12 * 2 * Math.PI / 360);
        Assert.That(thetaLimit, Is.EqualTo(0.41887903f));
        Assert.That(env.ObservationSpace.High.ToArray(), Is.EqualTo(new[] { 4.8f, float.MaxValue, thetaLimit, float.MaxValue }));
        Assert.That(env.ObservationSpace.Low.ToArray(), Is.EqualTo(new[] { -4.8f, -float.MaxValue, -thetaLimit, -float.MaxValue }));
    }

    [Test]
    public void OtherSpacesAsGymnasium()
    {
        Env acrobot = EnvRegistry.Make("Acrobot-v1");
        Assert.That(acrobot.ActionSpace, Is.EqualTo(new Discrete(3)));
        Assert.That(acrobot.ObservationSpace.High.ToArray(),
            Is.EqualTo(new[] { 1f, 1f, 1f, 1f, (float)(4 * Math.PI), (float)(9 * Math.PI) }));

        Env car = EnvRegistry.Make("MountainCar-v0");
        Assert.That(car.ActionSpace, Is.EqualTo(new Discrete(3)));
        Assert.That(car.ObservationSpace.Low.ToArray(), Is.EqualTo(new[] { -1.2f, -0.07f }));
        Assert.That(car.ObservationSpace.High.ToArray(), Is.EqualTo(new[] { 0.6f, 0.07f }));

        Env pendulum = EnvRegistry.Make("Pendulum-v1");
        Assert.That(pendulum.ActionSpace, Is.EqualTo(new Box(new[] { -2f }, new[] { 2f })));
        Assert.That(pendulum.ObservationSpace.High.ToArray(), Is.EqualTo(new[] { 1f, 1f, 8f }));
    }

    [Test]
    public void CartPoleRewardsOnePerStepIncludingTheTerminatingOne()
    {
        Env env = EnvRegistry.Make("CartPole-v1");
        env.Reset(0);
        StepResult result;
        int steps = 0;
        do
        {
            result = env.Step(1);
            steps++;
            Assert.That(result.Reward, Is.EqualTo(1f));
        } while (!result.Done);
        Assert.That(result.Terminated, Is.True);
        Assert.That(result.Truncated, Is.False);
        Assert.That(steps, Is.LessThan(100));
    }

    [Test]
    public void PendulumClipsActionsOutsideTheSpaceAsGymnasium()
    {
        var clipped = PendulumAfterOneStep(5f, EnvOptions.Default);
        var bound = PendulumAfterOneStep(2f, EnvOptions.Default);
        Assert.That(clipped.State, Is.EqualTo(bound.State));
        Assert.That(clipped.Reward, Is.EqualTo(bound.Reward));
    }

    [Test]
    public void PendulumActionIsScaledByMaxTorque()
    {
        var options = new EnvOptions { Parameters = new Dictionary<string, double> { ["max_torque"] = 4.0 } };
        // Torque = action * max_torque / 2: action 1 at max_torque 4 applies Gymnasium's torque 2.
        var scaled = PendulumAfterOneStep(1f, options);
        var reference = PendulumAfterOneStep(2f, EnvOptions.Default);
        Assert.That(scaled.State, Is.EqualTo(reference.State));
        Assert.That(scaled.Reward, Is.EqualTo(reference.Reward));
    }

    [TestCaseSource(nameof(Ids))]
    public void SpanStepsDoNotAllocate(string id)
    {
        Env env = EnvRegistry.Make(id);
        var observation = new float[env.ObservationSize];
        float[] continuous = { 0.5f };
        void Run(int steps)
        {
            env.Reset(observation, 0);
            for (int t = 0; t < steps; t++)
            {
                var outcome = env.IsDiscrete ? env.Step(t % 2, observation) : env.Step(continuous, observation);
                if (outcome.Done) env.Reset(observation);
            }
        }
        Run(1000); // warm up the JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(5000);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void ActionOutsideTheSpaceThrows()
    {
        Env env = EnvRegistry.Make("CartPole-v1");
        env.Reset(0);
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Step(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Step(-1));
    }

    [Test]
    public void StepAfterTerminationThrows()
    {
        Env env = EnvRegistry.Make("CartPole-v1");
        env.Reset(0);
        while (!env.Step(0).Done) { }
        Assert.That(env.NeedsReset, Is.True);
        Assert.Throws<InvalidOperationException>(() => env.Step(0));
    }

    [Test]
    public void StepBeforeResetThrows()
    {
        Env env = EnvRegistry.Make("MountainCar-v0");
        Assert.Throws<InvalidOperationException>(() => env.Step(1));
    }

    [Test]
    public void NaNActionThrows()
    {
        Env env = EnvRegistry.Make("Pendulum-v1");
        env.Reset(0);
        Assert.Throws<ArgumentException>(() => env.Step(new[] { float.NaN }));
    }

    [Test]
    public void WrongLengthActionThrows()
    {
        Env env = EnvRegistry.Make("Pendulum-v1");
        env.Reset(0);
        Assert.Throws<ArgumentException>(() => env.Step(new[] { 0f, 0f }));
        Assert.Throws<ArgumentException>(() => env.Step(1));
    }

    [Test]
    public void SetStateRejectsWrongLengthAndNonFiniteStates()
    {
        var env = (IPhysicalState)EnvRegistry.Make("Acrobot-v1").Unwrapped;
        var ex = Assert.Throws<ArgumentException>(() => env.SetState(new double[3]));
        Assert.That(ex!.Message, Does.Contain("theta1, theta2, dtheta1, dtheta2"));
        Assert.Throws<ArgumentException>(() => env.SetState(new[] { 0, double.NaN, 0, 0 }));
    }

    [Test]
    public void SetStateMakesTheEnvSteppable()
    {
        var env = new MountainCarEnv();
        env.SetState(new[] { -0.5, 0.01 });
        Assert.That(env.NeedsReset, Is.False);
        var result = env.Step(2);
        Assert.That(result.Observation[0], Is.EqualTo((float)(-0.5 + (0.01 + (0.001 + Math.Cos(3 * -0.5) * -0.0025)))));
    }

    private static double[] ResetState(string id, int seed)
    {
        Env env = EnvRegistry.Make(id);
        env.Reset(seed);
        return ((IPhysicalState)env.Unwrapped).GetState();
    }

    private static (double[] State, float Reward) PendulumAfterOneStep(float action, EnvOptions options)
    {
        Env env = EnvRegistry.Make("Pendulum-v1", options);
        env.Reset(0);
        var physical = (IPhysicalState)env.Unwrapped;
        physical.SetState(new[] { 0.3, -0.2 });
        var result = env.Step(new[] { action });
        return (physical.GetState(), result.Reward);
    }
}
