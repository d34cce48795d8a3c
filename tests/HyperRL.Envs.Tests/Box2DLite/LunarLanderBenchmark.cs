using System.Diagnostics;
using HyperRL.Envs.Box2DLite;
using HyperRL.Envs.Core;

namespace HyperRL.Envs.Tests.Box2DLite;

[Explicit("benchmark: run by hand")]
public class LunarLanderBenchmark
{
    [TestCase(false)]
    [TestCase(true)]
    public void SingleThreadStepsPerSecond(bool heuristic)
    {
        var env = LunarLanderRollout.Make();
        var obs = new float[8];
        ulong x = 12345;
        double rate = 0;
        for (int rep = 0; rep < 2; rep++)
        {
            long steps = 0;
            int episodes = 0;
            env.Reset(obs, 0);
            var watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < 2000)
            {
                x = 6364136223846793005UL * x + 1442695040888963407UL;
                int action = heuristic ? LunarLanderHeuristic.ActDiscrete(obs) : (int)((x >> 33) % 4);
                StepOutcome outcome = env.Step(action, obs);
                steps++;
                if (outcome.Done)
                {
                    env.Reset(obs, ++episodes);
                }
            }
            rate = steps / watch.Elapsed.TotalSeconds;
            TestContext.Out.WriteLine($"{(heuristic ? "heuristic" : "random")} actions: {rate:F0} steps/s ({episodes} episodes, resets included)");
        }
        Assert.That(rate, Is.GreaterThan(0));
    }
}
