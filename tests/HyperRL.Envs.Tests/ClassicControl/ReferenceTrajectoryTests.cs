using HyperRL.Envs.Core;
using HyperRL.Envs.Registry;

namespace HyperRL.Envs.Tests.ClassicControl;

/// <summary>Replays every Gymnasium reference episode from its recorded initial state and actions.</summary>
public sealed class ReferenceTrajectoryTests
{
    private const double ObservationTolerance = 1e-4;
    private const double RewardTolerance = 1e-4;

    private static readonly string[] EnvIds = { "CartPole-v1", "Acrobot-v1", "MountainCar-v0", "Pendulum-v1" };

    public static IEnumerable<TestCaseData> Episodes() =>
        from id in EnvIds
        from episode in GymnasiumReference.Load(id)
        select new TestCaseData(episode).SetArgDisplayNames(id, $"seed{episode.Seed}");

    // Gymnasium 1.4 uses numpy's sin/cos, which can differ from libm's in the last bit, so the float64 state is
    // equal only up to accumulated rounding (about 1e-14 after 200 steps); MountainCar (math.cos) matches exactly.
    private const double StateTolerance = 1e-10;

    [Test]
    public void EveryEnvHasThreeReferenceEpisodes()
    {
        foreach (string id in EnvIds) Assert.That(GymnasiumReference.Load(id), Has.Count.EqualTo(3), id);
    }

    [TestCaseSource(nameof(Episodes))]
    public void ReplayMatchesGymnasium(ReferenceEpisode episode)
    {
        Env env = EnvRegistry.Make(episode.Env);
        env.Reset(episode.Seed);
        var physical = (IPhysicalState)env.Unwrapped;
        physical.SetState(episode.InitialState);
        Assert.That(physical.GetState(), Is.EqualTo(episode.InitialState));

        var observation = new float[env.ObservationSize];
        for (int t = 0; t < episode.Steps.Count; t++)
        {
            var expected = episode.Steps[t];
            var outcome = expected.ContinuousAction is { } action
                ? env.Step(action, observation)
                : env.Step(expected.DiscreteAction, observation);
            string where = $"{episode} step {t + 1}";

            for (int i = 0; i < observation.Length; i++)
                Assert.That(observation[i], Is.EqualTo(expected.Obs[i]).Within(ObservationTolerance), $"{where}: obs[{i}]");
            Assert.That(outcome.Reward, Is.EqualTo(expected.Reward).Within(RewardTolerance), $"{where}: reward");
            Assert.That(outcome.Terminated, Is.EqualTo(expected.Terminated), $"{where}: terminated");
            Assert.That(outcome.Truncated, Is.EqualTo(expected.Truncated), $"{where}: truncated");
            double[] state = physical.GetState();
            for (int i = 0; i < state.Length; i++)
                Assert.That(state[i], Is.EqualTo(expected.State[i]).Within(StateTolerance), $"{where}: state[{i}]");
        }
        bool ended = episode.Steps[^1].Terminated || episode.Steps[^1].Truncated;
        Assert.That(env.NeedsReset, Is.EqualTo(ended), $"{episode}: NeedsReset after the last recorded step");
    }
}
