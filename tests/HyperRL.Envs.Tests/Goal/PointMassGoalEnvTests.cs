using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Goal;
using HyperRL.Envs.Registry;
using HyperRL.Envs.Spaces;
using HyperRL.Envs.Wrappers;

namespace HyperRL.Envs.Tests.Goal;

public class PointMassGoalEnvTests
{
    /// <summary>Steers towards the goal read from the descriptor, braking on approach.</summary>
    private static void Steer(Env env, ReadOnlySpan<float> obs, Span<float> action)
    {
        double gx = env.Descriptor[PointMassGoalEnv.GoalXIndex], gy = env.Descriptor[PointMassGoalEnv.GoalYIndex];
        action[0] = (float)Math.Clamp(4 * (gx - obs[0]) - 1.5 * obs[2], -1, 1);
        action[1] = (float)Math.Clamp(4 * (gy - obs[1]) - 1.5 * obs[3], -1, 1);
    }

    private static int SteerDiscrete(Env env, ReadOnlySpan<float> obs)
    {
        Span<float> a = stackalloc float[2];
        Steer(env, obs, a);
        if (Math.Abs(a[0]) < 0.2 && Math.Abs(a[1]) < 0.2) return 0;
        if (Math.Abs(a[0]) >= Math.Abs(a[1])) return a[0] < 0 ? 1 : 2;
        return a[1] < 0 ? 3 : 4;
    }

    [Test]
    public void RegisteredWithSpacesAndTimeLimit()
    {
        var env = EnvRegistry.Make(PointMassGoalEnv.ContinuousId);
        Assert.That(env.ActionSpace, Is.EqualTo(Box.Uniform(-1, 1, 2)));
        Assert.That(env.ObservationSpace.Size, Is.EqualTo(4));
        Assert.That((env as TimeLimit)?.MaxEpisodeSteps, Is.EqualTo(200));
        Assert.That(env.DescriptorSpec.Names, Is.EqualTo(new[] { "goal_x", "goal_y" }));
        var discrete = EnvRegistry.Make(PointMassGoalEnv.DiscreteId);
        Assert.That(discrete.ActionSpace, Is.EqualTo(new Discrete(5)));
    }

    [Test]
    public void GoalIsTheDescriptorResampledEveryResetAndNotObserved()
    {
        var env = EnvRegistry.Make(PointMassGoalEnv.ContinuousId);
        var goals = new HashSet<(double, double)>();
        var obs = new float[4];
        for (int seed = 0; seed < 10; seed++)
        {
            env.Reset(obs, seed);
            double gx = env.Descriptor[0], gy = env.Descriptor[1];
            Assert.That(gx, Is.InRange(-0.9, 0.9));
            Assert.That(gy, Is.InRange(-0.9, 0.9));
            goals.Add((gx, gy));
            Assert.That(obs[2], Is.Zero);
            Assert.That(obs[3], Is.Zero);
            Assert.That(Math.Sqrt((obs[0] - gx) * (obs[0] - gx) + (obs[1] - gy) * (obs[1] - gy)), Is.GreaterThanOrEqualTo(PointMassGoalEnv.MinStartDistance - 1e-6));
        }
        Assert.That(goals, Has.Count.EqualTo(10));

        // The descriptor, not the observation, decides the reward: same state, other goal, other reward.
        var a = new PointMassGoalEnv(new EnvOptions { Parameters = new Dictionary<string, double> { ["goal_x"] = 0.8, ["goal_y"] = 0.8 } });
        var b = new PointMassGoalEnv(new EnvOptions { Parameters = new Dictionary<string, double> { ["goal_x"] = -0.8, ["goal_y"] = -0.8 } });
        var obsA = new float[4];
        var obsB = new float[4];
        a.Reset(obsA, 3);
        b.Reset(obsB, 3);
        Assert.That(obsA, Is.EqualTo(obsB), "fixed goals leave the start draw alone");
        float rA = a.Step(new[] { 0f, 0f }, obsA).Reward, rB = b.Step(new[] { 0f, 0f }, obsB).Reward;
        Assert.That(rA, Is.Not.EqualTo(rB));
        Assert.That(rA, Is.EqualTo(-(float)Math.Sqrt((obsA[0] - 0.8) * (obsA[0] - 0.8) + (obsA[1] - 0.8) * (obsA[1] - 0.8))).Within(1e-5));
    }

    [Test]
    public void FixedCoordinatesStayAndTheOthersAreSampled()
    {
        var env = new PointMassGoalEnv(new EnvOptions { Parameters = new Dictionary<string, double> { ["goal_x"] = -0.3 } });
        var ys = new HashSet<double>();
        for (int seed = 0; seed < 5; seed++)
        {
            env.Reset(seed);
            Assert.That(env.GoalX, Is.EqualTo(-0.3));
            ys.Add(env.GoalY);
        }
        Assert.That(ys, Has.Count.EqualTo(5));

        var pinned = new PointMassGoalEnv(new EnvOptions { Randomize = new ParameterDistribution() });
        pinned.Reset(1);
        Assert.That(pinned.Descriptor.ToArray(), Is.EqualTo(new[] { 0.5, 0.5 }));
        pinned.Reset(2);
        Assert.That(pinned.Descriptor.ToArray(), Is.EqualTo(new[] { 0.5, 0.5 }));
    }

    [TestCase(PointMassGoalEnv.ContinuousId)]
    [TestCase(PointMassGoalEnv.DiscreteId)]
    public void ReachingTheGoalTerminatesWithTheBonus(string id)
    {
        var env = EnvRegistry.Make(id);
        var obs = new float[4];
        var action = new float[2];
        for (int seed = 0; seed < 10; seed++)
        {
            env.Reset(obs, seed);
            StepOutcome outcome = default;
            int steps = 0;
            while (!outcome.Done)
            {
                if (env.IsDiscrete)
                {
                    outcome = env.Step(SteerDiscrete(env, obs), obs);
                }
                else
                {
                    Steer(env, obs, action);
                    outcome = env.Step(action, obs);
                }
                steps++;
                if (!outcome.Done) Assert.That(outcome.Reward, Is.LessThan(0));
            }
            Assert.That(outcome.Terminated, Is.True, $"seed {seed} timed out");
            Assert.That(outcome.Reward, Is.EqualTo(PointMassGoalEnv.SuccessReward));
            Assert.That(steps, Is.LessThan(100), $"seed {seed}");
        }
    }

    [Test]
    public void IdleEpisodeIsTruncatedAtTheLimit()
    {
        var env = EnvRegistry.Make(PointMassGoalEnv.DiscreteId);
        var obs = new float[4];
        env.Reset(obs, 0);
        StepOutcome outcome = default;
        int steps = 0;
        while (!outcome.Done)
        {
            outcome = env.Step(0, obs);
            steps++;
        }
        Assert.That(steps, Is.EqualTo(200));
        Assert.That(outcome.Truncated, Is.True);
        Assert.That(outcome.Terminated, Is.False);
    }

    [Test]
    public void SeedsAreReproducible()
    {
        static List<float> Trace(Env env, int seed)
        {
            var trace = new List<float>();
            var obs = new float[4];
            env.Reset(obs, seed);
            trace.Add((float)env.Descriptor[0]);
            trace.Add((float)env.Descriptor[1]);
            trace.AddRange(obs);
            for (int t = 0; t < 30; t++)
            {
                var outcome = env.Step(new[] { 0.7f, -0.4f }, obs);
                trace.AddRange(obs);
                trace.Add(outcome.Reward);
                if (outcome.Done) break;
            }
            return trace;
        }
        var env = EnvRegistry.Make(PointMassGoalEnv.ContinuousId);
        var first = Trace(env, 11);
        Trace(env, 12);
        Assert.That(Trace(env, 11), Is.EqualTo(first));
        Assert.That(Trace(EnvRegistry.Make(PointMassGoalEnv.ContinuousId), 11), Is.EqualTo(first));
        Assert.That(Trace(env, 13), Is.Not.EqualTo(first));
    }

    [Test]
    public void WallsKeepTheMassInTheArenaAndObservationsInBounds()
    {
        var env = new PointMassGoalEnv();
        var obs = new float[4];
        env.Reset(obs, 4);
        for (int t = 0; t < 100; t++)
        {
            if (env.Step(new[] { 1f, 1f }, obs).Done) env.Reset(obs);
            Assert.That(env.ObservationSpace.Contains(obs), Is.True, $"step {t}: [{string.Join(", ", obs)}]");
        }
    }

    [Test]
    public void StepAllocatesNothing()
    {
        var env = EnvRegistry.Make(PointMassGoalEnv.DiscreteId);
        var obs = new float[4];
        env.Reset(obs, 0);
        for (int t = 0; t < 10; t++) env.Step(2, obs);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 0; t < 500; t++)
        {
            if (env.Step(t % 5, obs).Done) env.Reset(obs, t);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
