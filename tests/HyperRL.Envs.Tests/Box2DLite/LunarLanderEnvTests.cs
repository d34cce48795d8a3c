using HyperRL.Envs.Box2DLite;
using HyperRL.Envs.Core;
using HyperRL.Envs.Registry;
using HyperRL.Envs.Spaces;
using HyperRL.Envs.Wrappers;

namespace HyperRL.Envs.Tests.Box2DLite;

public class LunarLanderEnvTests
{
    [Test]
    public void RegisteredWithGymnasiumsLimitThresholdAndSpaces()
    {
        var registration = EnvRegistry.Get("LunarLander-v3");
        Assert.That(registration.MaxEpisodeSteps, Is.EqualTo(1000));
        Assert.That(registration.RewardThreshold, Is.EqualTo(200));
        Assert.That(registration.SupportsContinuous, Is.True);

        var discrete = EnvRegistry.Make("LunarLander-v3");
        Assert.That((discrete as TimeLimit)?.MaxEpisodeSteps, Is.EqualTo(1000));
        Assert.That(discrete.ActionSpace, Is.EqualTo(new Discrete(4)));
        Assert.That(discrete.ObservationSpace.Size, Is.EqualTo(8));
        Assert.That(discrete.ObservationSpace.High[0], Is.EqualTo(2.5f));
        Assert.That(discrete.ObservationSpace.High[4], Is.EqualTo((float)(2 * Math.PI)));

        var continuous = EnvRegistry.Make("LunarLander-v3", new EnvOptions { Continuous = true });
        Assert.That(continuous.ActionSpace, Is.EqualTo(Box.Uniform(-1, 1, 2)));
        Assert.That(continuous.DescriptorSpec.Names, Is.EqualTo(new[] { "gravity", "wind_power", "turbulence_power", "main_engine_power", "side_engine_power" }));
        Assert.That(continuous.Descriptor.ToArray(), Is.EqualTo(new[] { -10.0, 0, 0, 13, 0.6 }));
    }

    [Test]
    public void ResetStartsAtTheTopWithTheHelipadFlat()
    {
        var env = new LunarLanderEnv();
        var obs = env.Reset(seed: 3).Observation;
        Assert.That(obs[0], Is.EqualTo(0).Within(0.05));
        Assert.That(obs[1], Is.EqualTo(1.4).Within(0.05));
        Assert.That(obs[6], Is.Zero);
        Assert.That(obs[7], Is.Zero);
        for (int i = 4; i <= 6; i++) Assert.That(env.TerrainPoint(i).Y, Is.EqualTo(0.99 * env.HelipadY).Within(1e-12));
        Assert.That(env.HelipadX1, Is.EqualTo(8.0).Within(1e-12));
        Assert.That(env.HelipadX2, Is.EqualTo(12.0).Within(1e-12));
    }

    [Test]
    public void NoOpPolicyCrashesForEverySeed()
    {
        var env = LunarLanderRollout.Make();
        for (int seed = 0; seed < 8; seed++)
        {
            var episode = LunarLanderRollout.RunConstant(env, seed, action: 0);
            Assert.That(episode.Terminated, Is.True, $"seed {seed}");
            Assert.That(episode.LastReward, Is.EqualTo(-100f), $"seed {seed}");
            Assert.That(episode.Steps, Is.InRange(50, 150), $"seed {seed}");
        }
    }

    [Test]
    public void SameSeedSameTrajectory()
    {
        static List<float> Trace(Env env, int seed)
        {
            var trace = new List<float>();
            var obs = new float[8];
            env.Reset(obs, seed);
            trace.AddRange(obs);
            for (int t = 0; t < 300; t++)
            {
                var outcome = env.Step(LunarLanderHeuristic.ActDiscrete(obs), obs);
                trace.AddRange(obs);
                trace.Add(outcome.Reward);
                if (outcome.Done) break;
            }
            return trace;
        }
        var env = LunarLanderRollout.Make();
        var first = Trace(env, 42);
        Trace(env, 7);
        Assert.That(Trace(env, 42), Is.EqualTo(first));
        Assert.That(Trace(LunarLanderRollout.Make(), 42), Is.EqualTo(first));
        Assert.That(Trace(env, 43), Is.Not.EqualTo(first));
    }

    [Test]
    public void WindAndTurbulenceChangeTheTrajectory()
    {
        static float[] After(IReadOnlyDictionary<string, double>? parameters)
        {
            var env = LunarLanderRollout.Make(parameters: parameters);
            var obs = new float[8];
            env.Reset(obs, 5);
            for (int t = 0; t < 40; t++) env.Step(0, obs);
            return obs;
        }
        var calm = After(null);
        var windy = After(new Dictionary<string, double> { ["wind_power"] = 15 });
        var turbulent = After(new Dictionary<string, double> { ["turbulence_power"] = 1.5 });
        Assert.That(Math.Abs(windy[0] - calm[0]), Is.GreaterThan(0.005), "wind pushes sideways");
        Assert.That(Math.Abs(turbulent[4] - calm[4]), Is.GreaterThan(0.005), "turbulence turns the hull");
    }

    [Test]
    public void GravityAndEnginePowerComeFromTheDescriptor()
    {
        static double VyAfter(IReadOnlyDictionary<string, double>? parameters, int action)
        {
            var env = new LunarLanderEnv(new EnvOptions { Parameters = parameters });
            var obs = new float[8];
            env.Reset(obs, 1);
            SettleLegs(env, obs);
            double before = env.GetBodyState(0).Vy;
            env.Step(action, obs);
            return env.GetBodyState(0).Vy - before;
        }
        Assert.That(VyAfter(null, 0), Is.EqualTo(-0.2).Within(1e-3));
        Assert.That(VyAfter(new Dictionary<string, double> { ["gravity"] = -5 }, 0), Is.EqualTo(-0.1).Within(1e-3));
        double normal = VyAfter(null, 2) + 0.2;
        double doubled = VyAfter(new Dictionary<string, double> { ["main_engine_power"] = 26 }, 2) + 0.2;
        Assert.That(doubled / normal, Is.EqualTo(2).Within(0.02));
    }

    [Test]
    public void RandomizedDescriptorIsResampledAtReset()
    {
        var env = new LunarLanderEnv(new EnvOptions
        {
            Randomize = new HyperRL.Envs.Descriptors.ParameterDistribution
            {
                Train = new Dictionary<string, HyperRL.Envs.Descriptors.ParameterRange> { ["gravity"] = new(-11, -3) },
            },
        });
        var obs = new float[8];
        env.Reset(obs, 1);
        SettleLegs(env, obs);
        double g1 = env.Descriptor[LunarLanderEnv.GravityIndex];
        double before = env.GetBodyState(0).Vy;
        env.Step(0, obs);
        Assert.That(env.GetBodyState(0).Vy - before, Is.EqualTo(g1 / 50).Within(1e-3));
        env.Reset(obs, 2);
        Assert.That(env.Descriptor[LunarLanderEnv.GravityIndex], Is.Not.EqualTo(g1));
    }

    [Test]
    public void ContinuousThrottleBelowZeroAndDeadZoneFireNothing()
    {
        var env = new LunarLanderEnv(new EnvOptions { Continuous = true });
        var obs = new float[8];
        LanderBodyState Start()
        {
            env.Reset(obs, 1);
            SettleLegs(env, obs);
            return env.GetBodyState(0);
        }
        var idle = Start();
        var outcome = env.Step(new[] { -0.5f, 0.4f }, obs);
        var after = env.GetBodyState(0);
        Assert.That(after.Vy - idle.Vy, Is.EqualTo(-0.2).Within(1e-3));
        Assert.That(after.AngularVelocity, Is.EqualTo(idle.AngularVelocity).Within(1e-3));
        Assert.That(outcome.Reward, Is.Not.EqualTo(0f));

        Start();
        env.Step(new[] { 1f, 0f }, obs);
        double full = env.GetBodyState(0).Vy - idle.Vy;
        Start();
        env.Step(new[] { 1e-3f, 0f }, obs); // fires only above 0, then at 50%
        double half = env.GetBodyState(0).Vy - idle.Vy;
        Assert.That((half + 0.2) / (full + 0.2), Is.EqualTo(0.5).Within(0.1), "main engine throttle runs 50%..100%");
    }

    /// <summary>For ~25 steps after reset the legs still swing down onto their limits, which nudges the hull.</summary>
    private static void SettleLegs(Env env, float[] obs)
    {
        for (int t = 0; t < 30; t++)
        {
            if (env.IsDiscrete) env.Step(0, obs);
            else env.Step(new float[2], obs);
        }
    }

    [Test]
    public void StepAllocatesNothing()
    {
        var env = LunarLanderRollout.Make();
        var obs = new float[8];
        env.Reset(obs, 0);
        for (int t = 0; t < 50; t++) env.Step(LunarLanderHeuristic.ActDiscrete(obs), obs);
        env.Reset(obs, 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 0; t < 150; t++)
        {
            if (env.Step(LunarLanderHeuristic.ActDiscrete(obs), obs).Done) env.Reset(obs, t);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
