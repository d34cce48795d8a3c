using HyperRL.Envs.ClassicControl;
using HyperRL.Envs.Core;
using HyperRL.Envs.Registry;
using HyperRL.Envs.Util;
using HyperRL.Envs.Wrappers;

namespace HyperRL.Envs.Tests.Core;

public sealed class WrapperTests
{
    [Test]
    public void NormalizeObservationCentersAndScalesWithSaveableStatistics()
    {
        var env = new NormalizeObservation(EnvRegistry.Make("MountainCar-v0"));
        var rng = new Rng(5);
        var seen = new List<float>();
        env.Reset(seed: 1);
        for (int t = 0; t < 3000; t++)
        {
            var step = env.Step(rng.NextInt(3));
            seen.Add(step.Observation[0]);
            if (step.Done) env.Reset();
        }
        var late = seen.Skip(1000).ToList();
        Assert.That(late.Average(), Is.EqualTo(0).Within(0.3), "position is centred");
        Assert.That(Math.Sqrt(late.Select(v => v * (double)v).Average()), Is.EqualTo(1).Within(0.4), "and scaled to unit spread");

        var copy = new NormalizeObservation(EnvRegistry.Make("MountainCar-v0")) { UpdateStatistics = false };
        copy.Statistics.Load(env.Statistics.Save());
        Assert.That(copy.Statistics.Mean.ToArray(), Is.EqualTo(env.Statistics.Mean.ToArray()));
        Assert.Throws<ArgumentException>(() => copy.Statistics.Load(new RunningMeanStdState(new double[3], new double[3], 1)));
    }

    [Test]
    public void NormalizeRewardScalesByTheReturnsSpreadWithoutShifting()
    {
        var env = new NormalizeReward(EnvRegistry.Make("Pendulum-v1"), gamma: 0.99);
        env.Reset(seed: 2);
        float last = 0;
        for (int t = 0; t < 200; t++) last = env.Step(new[] { 0f }).Reward;
        Assert.That(last, Is.LessThan(0), "a scale, not a shift: Pendulum's rewards stay negative");
        Assert.That(Math.Abs(last), Is.LessThan(2), "raw Pendulum rewards reach about -10; scaled ones are small");
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new NormalizeReward(EnvRegistry.Make("Pendulum-v1"), gamma: 1.5));
    }

    [Test]
    public void ClipActionClipsIntoTheBoxAndStillRejectsNaN()
    {
        var inner = new ActionEchoEnv();
        var clipped = new ClipAction(inner);
        clipped.Reset(seed: 3);
        Assert.That(clipped.Step(new[] { 7f, -0.5f }).Observation, Is.EqualTo(new[] { 1f, -0.5f }), "the wrapped env sees the clipped action");
        Assert.That(clipped.Step(new[] { -3f, 0.25f }).Observation, Is.EqualTo(new[] { -1f, 0.25f }));
        Assert.Throws<ArgumentException>(() => clipped.Step(new[] { float.NaN, 0f }));
        Assert.Throws<ArgumentException>(() => _ = new ClipAction(new CartPoleEnv()));
    }

    /// <summary>A continuous env whose observation is the action it received.</summary>
    private sealed class ActionEchoEnv() : Env(new Descriptors.DescriptorSpec("Echo"), null)
    {
        public override string Id => "ActionEcho-v0";
        public override Spaces.Box ObservationSpace { get; } = Spaces.Box.Uniform(-10, 10, 2);
        public override Spaces.Space ActionSpace { get; } = Spaces.Box.Uniform(-1, 1, 2);

        protected override void ResetCore(Span<float> observation, int? seed) => observation.Clear();

        protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
        {
            continuousAction.CopyTo(observation);
            return new StepOutcome(0, false, false);
        }
    }
}
