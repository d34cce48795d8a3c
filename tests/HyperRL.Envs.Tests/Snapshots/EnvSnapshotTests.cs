using HyperRL.Envs.Box2DLite;
using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Registry;
using HyperRL.Envs.Spaces;
using HyperRL.Envs.Util;

namespace HyperRL.Envs.Tests.Snapshots;

/// <summary>An env restored from a snapshot steps exactly as the original does from there, across auto-resets, time
/// limits and descriptor re-sampling.</summary>
public sealed class EnvSnapshotTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var registration in EnvRegistry.All)
        {
            if (registration.Id == LunarLanderEnv.EnvId) continue;
            yield return new TestCaseData(registration.Id, false).SetName($"{registration.Id} steps on identically after a restore");
            if (registration.SupportsContinuous)
                yield return new TestCaseData(registration.Id, true).SetName($"{registration.Id} (continuous) steps on identically after a restore");
        }
    }

    private static EnvOptions Randomized(string id, bool continuous)
    {
        var spec = EnvRegistry.Get(id).DescriptorSpec;
        var first = spec.Parameters[0];
        return new EnvOptions
        {
            Continuous = continuous,
            Randomize = new ParameterDistribution
            {
                Train = new Dictionary<string, ParameterRange> { [first.Name] = new(first.Min, first.Max) },
            },
        };
    }

    [TestCaseSource(nameof(Cases))]
    public void RestoredEnvStepsAsTheOriginal(string id, bool continuous)
    {
        var options = Randomized(id, continuous);
        var original = EnvRegistry.Make(id, options);
        Assert.That(original.SupportsStateSnapshot, Is.True);
        var actions = new Rng(5);
        var observation = new float[original.ObservationSize];
        original.Reset(observation, seed: 11);
        for (int t = 0; t < 137; t++) StepOrReset(original, actions, observation);

        var restored = EnvRegistry.Make(id, options);
        Snapshots.Load(restored, Snapshots.Save(original));
        Assert.That(restored.EpisodeStep, Is.EqualTo(original.EpisodeStep));
        Assert.That(restored.Descriptor.ToArray(), Is.EqualTo(original.Descriptor.ToArray()));

        var restoredActions = new Rng(0);
        restoredActions.SetState(actions.GetState());
        var restoredObservation = new float[original.ObservationSize];
        for (int t = 0; t < 700; t++)
        {
            var a = StepOrReset(original, actions, observation);
            var b = StepOrReset(restored, restoredActions, restoredObservation);
            Assert.That(b, Is.EqualTo(a), $"step {t}");
            Assert.That(restoredObservation, Is.EqualTo(observation), $"observation at step {t}");
            Assert.That(restored.Descriptor.ToArray(), Is.EqualTo(original.Descriptor.ToArray()), $"descriptor at step {t}");
        }
    }

    /// <summary>A random action, or a reset (from the env's own stream) where the episode ended.</summary>
    private static StepOutcome? StepOrReset(Env env, Rng actions, float[] observation)
    {
        if (env.NeedsReset)
        {
            env.Reset(observation);
            return null;
        }
        if (env.ActionSpace is Discrete discrete) return env.Step(actions.NextInt(discrete.N), observation);
        var box = (Box)env.ActionSpace;
        var action = new float[box.Size];
        for (int k = 0; k < action.Length; k++) action[k] = (float)actions.Uniform(box.Low[k], box.High[k]);
        return env.Step(action, observation);
    }

    [Test]
    public void LunarLanderSaysItCannotSaveItsStateAndRefusesTo()
    {
        var env = EnvRegistry.Make(LunarLanderEnv.EnvId);
        env.Reset(seed: 1);
        Assert.That(env.SupportsStateSnapshot, Is.False);
        Assert.Throws<NotSupportedException>(() => Snapshots.Save(env));
    }

    [Test]
    public void AStateOfAnotherDescriptorLengthIsRefused()
    {
        var cartPole = EnvRegistry.Make("CartPole-v1");
        cartPole.Reset(seed: 1);
        var pendulum = EnvRegistry.Make("Pendulum-v1");
        Assert.Throws<InvalidDataException>(() => Snapshots.Load(pendulum, Snapshots.Save(cartPole)));
    }
}
