using HyperRL.Envs.Tests.Core;
using HyperRL.Envs.Util;
using HyperRL.Envs.Vector;
using HyperRL.Envs.Vector.Wrappers;

namespace HyperRL.Envs.Tests.Vector.Wrappers;

public sealed class NormalizeObservationTests
{
    private const int NumEnvs = 4;

    private static SyncVectorEnv GaussianEnvs(int episodeLength = 7) =>
        new(Enumerable.Range(0, NumEnvs).Select(_ => new GaussianObservationEnv(episodeLength)).ToArray());

    /// <summary>SB3's rule, clip((x - mean) / sqrt(var + 1e-8)), written out here (as a product, like the wrapper, so floats match exactly).</summary>
    private static float Expected(float raw, RunningMeanStd statistics, int k, float clip = 10f) =>
        (float)Math.Clamp((raw - statistics.Mean[k]) * (1.0 / Math.Sqrt(statistics.Var[k] + 1e-8)), -clip, clip);

    [Test]
    public void CentresAndScalesEachObservationOverALongRunWhileTheInnerObservationsStayRaw()
    {
        using var env = new NormalizeObservation(GaussianEnvs());
        env.Reset(seed: 1);
        var normalized = new List<float>[] { new(), new() };
        var raw = new List<float>[] { new(), new() };
        var actions = new int[NumEnvs];
        for (int t = 0; t < 2000; t++)
        {
            env.Step(actions);
            if (t < 500) continue;
            for (int i = 0; i < NumEnvs; i++)
            {
                for (int k = 0; k < 2; k++)
                {
                    normalized[k].Add(env.Observations[i * 2 + k]);
                    raw[k].Add(env.Inner.Observations[i * 2 + k]);
                }
            }
        }
        for (int k = 0; k < 2; k++)
        {
            Assert.That(env.Statistics.Mean[k], Is.EqualTo(GaussianObservationEnv.Means[k]).Within(0.05 * GaussianObservationEnv.StandardDeviations[k]));
            Assert.That(Math.Sqrt(env.Statistics.Var[k]), Is.EqualTo(GaussianObservationEnv.StandardDeviations[k]).Within(0.05 * GaussianObservationEnv.StandardDeviations[k]));
            double mean = normalized[k].Average();
            double std = Math.Sqrt(normalized[k].Select(v => (v - mean) * (v - mean)).Average());
            Assert.That(mean, Is.EqualTo(0).Within(0.05), $"dimension {k} is centred");
            Assert.That(std, Is.EqualTo(1).Within(0.05), $"dimension {k} has unit spread");
            Assert.That(raw[k].Average(), Is.EqualTo(GaussianObservationEnv.Means[k]).Within(0.1), $"Inner still shows raw dimension {k}");
        }
    }

    [Test]
    public void UpdatesWithEveryResetAndStepBatchAndFreezesWhenNotTraining()
    {
        using var env = new NormalizeObservation(GaussianEnvs());
        env.Reset(seed: 2);
        Assert.That(env.Statistics.Count, Is.EqualTo(1e-4 + NumEnvs).Within(1e-9), "Reset's batch counts");
        var actions = new int[NumEnvs];
        for (int t = 0; t < 10; t++) env.Step(actions);
        Assert.That(env.Statistics.Count, Is.EqualTo(1e-4 + 11 * NumEnvs).Within(1e-9), "one batch of NumEnvs rows per step; final observations do not count");

        env.Training = false;
        var frozen = env.Statistics.Save();
        for (int t = 0; t < 20; t++)
        {
            env.Step(actions);
            for (int j = 0; j < NumEnvs * 2; j++)
                Assert.That(env.Observations[j], Is.EqualTo(Expected(env.Inner.Observations[j], env.Statistics, j % 2)), "still normalized");
        }
        env.Reset(seed: 3);
        Assert.That(env.Statistics.Count, Is.EqualTo(frozen.Count), "neither Step nor Reset update frozen statistics");
        Assert.That(env.Statistics.Mean.ToArray(), Is.EqualTo(frozen.Mean));
        Assert.That(env.Statistics.Var.ToArray(), Is.EqualTo(frozen.Var));

        env.Training = true;
        env.Step(actions);
        Assert.That(env.Statistics.Count, Is.EqualTo(frozen.Count + NumEnvs).Within(1e-9), "training again resumes updating");
    }

    [Test]
    public void FinalObservationsAreNormalizedWithThePostStepStatistics()
    {
        using var env = new NormalizeObservation(GaussianEnvs(episodeLength: 2));
        env.Reset(seed: 4);
        var actions = new int[NumEnvs];
        env.Step(actions);
        var before = new RunningMeanStd(2);
        before.Load(env.Statistics.Save());
        env.Step(actions);
        Assert.That(env.Truncations.ToArray(), Is.All.True, "every episode ends at its second step");

        bool differsFromPreStep = false;
        for (int i = 0; i < NumEnvs; i++)
        {
            for (int k = 0; k < 2; k++)
            {
                float rawFinal = env.Inner.FinalObservations[i * 2 + k];
                Assert.That(env.FinalObservations[i * 2 + k], Is.EqualTo(Expected(rawFinal, env.Statistics, k)));
                differsFromPreStep |= Math.Abs(Expected(rawFinal, before, k) - Expected(rawFinal, env.Statistics, k)) > 1e-3;
                Assert.That(env.Observations[i * 2 + k], Is.EqualTo(Expected(env.Inner.Observations[i * 2 + k], env.Statistics, k)),
                    "the next episode's first observation, normalized with the same statistics");
            }
        }
        Assert.That(differsFromPreStep, Is.True, "this early the statistics still move: the check above can tell the two apart");
    }

    [Test]
    public void NormalizeAppliesTheCurrentStatisticsWithoutUpdatingThem()
    {
        using var env = new NormalizeObservation(GaussianEnvs());
        env.Reset(seed: 5);
        var actions = new int[NumEnvs];
        for (int t = 0; t < 30; t++) env.Step(actions);
        double count = env.Statistics.Count;

        var rows = env.Inner.Observations.ToArray();
        env.Normalize(rows, NumEnvs);
        Assert.That(rows, Is.EqualTo(env.Observations.ToArray()), "same result as the step produced");
        Assert.That(env.Statistics.Count, Is.EqualTo(count), "no update");

        var partial = new[] { 5f, -3f, 9f, -2f, 123f, 456f };
        env.Normalize(partial, count: 2);
        Assert.That(partial[0], Is.EqualTo(Expected(5f, env.Statistics, 0)));
        Assert.That(partial[3], Is.EqualTo(Expected(-2f, env.Statistics, 1)));
        Assert.That(partial[4..], Is.EqualTo(new[] { 123f, 456f }), "rows past count are left alone");
        Assert.Throws<ArgumentException>(() => env.Normalize(new float[3], count: 2));
    }

    [Test]
    public void ValuesAreClippedToClip()
    {
        using var env = new NormalizeObservation(GaussianEnvs(), clip: 1f);
        env.Reset(seed: 6);
        var actions = new int[NumEnvs];
        int atTheBound = 0;
        for (int t = 0; t < 200; t++)
        {
            env.Step(actions);
            foreach (float value in env.Observations)
            {
                Assert.That(Math.Abs(value), Is.LessThanOrEqualTo(1f));
                if (Math.Abs(value) == 1f) atTheBound++;
            }
        }
        Assert.That(atTheBound, Is.GreaterThan(200), "about a third of standard-normal values lie beyond one std");
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new NormalizeObservation(GaussianEnvs(), clip: 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new NormalizeObservation(GaussianEnvs(), clip: float.NaN));
    }

    [Test]
    public void SavedStatisticsResumeTheSameNormalization()
    {
        using var trained = new NormalizeObservation(GaussianEnvs());
        trained.Reset(seed: 7);
        var actions = new int[NumEnvs];
        for (int t = 0; t < 50; t++) trained.Step(actions);
        trained.Training = false;

        using var resumed = new NormalizeObservation(GaussianEnvs()) { Training = false };
        resumed.Statistics.Load(trained.Statistics.Save());
        trained.Reset(seed: 8);
        resumed.Reset(seed: 8);
        resumed.Step(actions);
        trained.Step(actions);
        Assert.That(resumed.Observations.ToArray(), Is.EqualTo(trained.Observations.ToArray()));
        Assert.Throws<ArgumentException>(() => resumed.Statistics.Load(new RunningMeanStdState(new double[3], new double[3], 1)));
    }
}
