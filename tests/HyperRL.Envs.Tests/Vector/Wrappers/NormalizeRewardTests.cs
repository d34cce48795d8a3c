using HyperRL.Envs.Core;
using HyperRL.Envs.Tests.Core;
using HyperRL.Envs.Vector;
using HyperRL.Envs.Vector.Wrappers;
using TimeLimit = HyperRL.Envs.Wrappers.TimeLimit;

namespace HyperRL.Envs.Tests.Vector.Wrappers;

public sealed class NormalizeRewardTests
{
    /// <summary>
    /// Variance as RunningMeanStd should hold it, from the closed form rather than its merge steps: the initial state
    /// (mean 0, var 1, count 1e-4) acts as a pseudo-sample, so var = (1e-4 * 1 + sum x^2) / n - mean^2 with
    /// n = 1e-4 + count and mean = sum x / n.
    /// </summary>
    private static double ClosedFormVariance(IReadOnlyCollection<double> values)
    {
        double n = 1e-4 + values.Count;
        double mean = values.Sum() / n;
        return (1e-4 + values.Sum(v => v * v)) / n - mean * mean;
    }

    [Test]
    public void HandCheckedDiscountedReturnsRestartWhereEpisodesEnd()
    {
        // env 0 walks right and terminates at its 3rd step (goal 3); env 1 walks right and is truncated every 2 steps;
        // env 2 walks left: reward 0 every step, never ends. gamma = 0.5, so returns are 1, 1.5, 1.75, ...
        var envs = new Env[] { new CountingEnv(), new TimeLimit(new CountingEnv(), 2), new CountingEnv() };
        using var env = new NormalizeReward(new SyncVectorEnv(envs), gamma: 0.5, clip: 1000f);
        env.Reset(seed: 0);
        double[][] expectedReturns =
        {
            new[] { 1.0, 1.0, 0.0 },
            new[] { 1.5, 1.5, 0.0 },   // env 1 truncated here
            new[] { 1.75, 1.0, 0.0 },  // env 0 terminated here; env 1 restarted from 0
            new[] { 1.0, 1.5, 0.0 },   // env 0 restarted from 0, not 1.75 * 0.5 + 1
            new[] { 1.5, 1.0, 0.0 },
        };
        var seen = new List<double>();
        int[] actions = { 1, 1, 0 };
        foreach (var returns in expectedReturns)
        {
            env.Step(actions);
            seen.AddRange(returns);
            double variance = ClosedFormVariance(seen);
            Assert.That(env.Statistics.Var[0], Is.EqualTo(variance).Within(1e-12), $"statistics of the returns after {seen.Count / 3} steps");
            float scaled = (float)(1 / Math.Sqrt(variance + 1e-8));
            Assert.That(env.Rewards.ToArray(), Is.EqualTo(new[] { scaled, scaled, 0f }).Within(1e-5f), "raw reward 1 scaled by 1/std; reward 0 not shifted");
            Assert.That(env.Inner.Rewards.ToArray(), Is.EqualTo(new[] { 1f, 1f, 0f }), "the inner rewards stay raw");
        }
    }

    [Test]
    public void RewardsAreClippedAndResetStartsTheReturnsOver()
    {
        using var env = new NormalizeReward(new SyncVectorEnv(new Env[] { new CountingEnv() }), gamma: 0.5, clip: 1.5f);
        env.Reset(seed: 0);
        env.Step(new[] { 1 });
        // Returns {1}: n = 1.0001, mean = 1/n, var = (1e-4 + 1)/n - mean^2 = 1e-4 / n^2: a tiny std, a huge scale.
        Assert.That(env.Rewards[0], Is.EqualTo(1.5f), "clipped to +clip");
        env.Step(new[] { 1 });
        env.Reset(seed: 1);
        Assert.That(env.Rewards[0], Is.EqualTo(0f), "no reward before the first step");
        env.Step(new[] { 1 });
        double variance = ClosedFormVariance(new[] { 1.0, 1.5, 1.0 });
        Assert.That(env.Statistics.Var[0], Is.EqualTo(variance).Within(1e-12), "the return restarted at Reset: 1, not 1.5 * 0.5 + 1");
    }

    [Test]
    public void ScalesByTheReturnsSpreadWithoutShiftingOnPendulum()
    {
        using var env = new NormalizeReward(VectorEnvFactory.Make("Pendulum-v1", numEnvs: 4), gamma: 0.99);
        env.Reset(seed: 2);
        var actions = new float[4];
        for (int t = 0; t < 400; t++)
        {
            env.Step(actions);
            double scale = 1 / Math.Sqrt(env.Statistics.Var[0] + 1e-8);
            for (int i = 0; i < 4; i++)
            {
                float raw = env.Inner.Rewards[i];
                Assert.That(env.Rewards[i], Is.LessThanOrEqualTo(0f), "a scale, not a shift: Pendulum's rewards stay non-positive");
                Assert.That(env.Rewards[i], Is.EqualTo(Math.Clamp(raw * scale, -10, 10)).Within(1e-4));
            }
        }
        // Discounted returns of ~-5 per step reach hundreds, so the scale is far below 1.
        Assert.That(env.Rewards.ToArray().Select(Math.Abs), Is.All.LessThan(1f));
        Assert.That(env.Inner.Rewards.ToArray().Select(Math.Abs).Max(), Is.GreaterThan(1f), "raw Pendulum rewards are larger");
    }

    [Test]
    public void NormalizeMatchesWhatStepProducedAndDoesNotUpdate()
    {
        using var env = new NormalizeReward(new SyncVectorEnv(Enumerable.Range(0, 3).Select(_ => new GaussianObservationEnv()).ToArray()), gamma: 0.9);
        env.Reset(seed: 3);
        var actions = new int[3];
        for (int t = 0; t < 25; t++) env.Step(actions);
        double count = env.Statistics.Count;
        var rewards = env.Inner.Rewards.ToArray();
        env.Normalize(rewards);
        Assert.That(rewards, Is.EqualTo(env.Rewards.ToArray()));
        Assert.That(env.Statistics.Count, Is.EqualTo(count), "no update");

        var big = new[] { 1e6f, -1e6f };
        env.Normalize(big);
        Assert.That(big, Is.EqualTo(new[] { 10f, -10f }), "default clip 10");
    }

    [Test]
    public void FreezesWhenNotTrainingAndValidatesItsArguments()
    {
        using var env = new NormalizeReward(new SyncVectorEnv(new Env[] { new GaussianObservationEnv() }), gamma: 0.99);
        env.Reset(seed: 4);
        for (int t = 0; t < 10; t++) env.Step(new[] { 0 });
        env.Training = false;
        var frozen = env.Statistics.Save();
        for (int t = 0; t < 10; t++) env.Step(new[] { 0 });
        Assert.That(env.Statistics.Count, Is.EqualTo(frozen.Count));
        Assert.That(env.Statistics.Var.ToArray(), Is.EqualTo(frozen.Var));
        Assert.That(env.Rewards[0], Is.EqualTo((float)(env.Inner.Rewards[0] / Math.Sqrt(frozen.Var[0] + 1e-8))).Within(1e-5f), "still scaled");

        using var inner = new SyncVectorEnv(new Env[] { new CountingEnv() });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new NormalizeReward(inner, gamma: 1.5));
        Assert.That(e!.ParamName, Is.EqualTo("gamma"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new NormalizeReward(inner, gamma: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new NormalizeReward(inner, gamma: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new NormalizeReward(inner, gamma: 0.9, clip: -1f));
        Assert.DoesNotThrow(() => _ = new NormalizeReward(inner, gamma: 0));
        Assert.DoesNotThrow(() => _ = new NormalizeReward(inner, gamma: 1));
    }
}
