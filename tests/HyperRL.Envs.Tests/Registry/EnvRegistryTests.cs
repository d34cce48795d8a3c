using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Registry;
using HyperRL.Envs.Spaces;
using HyperRL.Envs.Vector;
using HyperRL.Envs.Wrappers;

namespace HyperRL.Envs.Tests.Registry;

/// <summary>What a user does from their own code: define an env, register it, build it by id.</summary>
public sealed class EnvRegistryTests
{
    private const string UserEnvId = "UserDefinedTicker-v0";

    // The registry is process-wide, so the user env is registered once for the whole fixture.
    [OneTimeSetUp]
    public void RegisterTheUserEnv() =>
        EnvRegistry.Register(new EnvRegistration(UserEnvId, "Counts its steps; the registered limit truncates it.",
            options => new TickerEnv(options), MaxEpisodeSteps: 3, TickerEnv.Spec));

    [Test]
    public void ARegisteredUserEnvIsBuiltByIdWithItsTimeLimit()
    {
        Assert.That(EnvRegistry.Contains(UserEnvId), Is.True);
        Assert.That(EnvRegistry.Ids, Does.Contain(UserEnvId).And.Contain("CartPole-v1"), "built-in envs are still listed");
        Assert.That(EnvRegistry.All.Select(r => r.Id), Is.EqualTo(EnvRegistry.Ids));
        Assert.That(EnvRegistry.Get(UserEnvId).Summary, Does.StartWith("Counts its steps"));

        var env = EnvRegistry.Make(UserEnvId, new EnvOptions { Parameters = new Dictionary<string, double> { ["reward"] = 2 } });
        Assert.That(env, Is.TypeOf<TimeLimit>());
        Assert.That(env.Unwrapped, Is.TypeOf<TickerEnv>());
        env.Reset(seed: 0);
        Assert.That(env.Step(0).Reward, Is.EqualTo(2f), "options reach the user's factory");
        Assert.That(env.Step(0).Done, Is.False);
        var third = env.Step(0);
        Assert.That(third.Truncated, Is.True, "registered MaxEpisodeSteps = 3");
        Assert.That(third.Observation, Is.EqualTo(new[] { 3f }));
    }

    [Test]
    public void TheVectorEnvFactoryBuildsARegisteredUserEnv()
    {
        using var vec = VectorEnvFactory.Make(UserEnvId, numEnvs: 3, workers: 2);
        Assert.That(vec, Is.TypeOf<ThreadedVectorEnv>());
        Assert.That(vec.NumEnvs, Is.EqualTo(3));
        Assert.That(vec.DescriptorSpec, Is.SameAs(TickerEnv.Spec));
        vec.Reset(seed: 1);
        var actions = new int[3];
        for (int t = 0; t < 3; t++) vec.Step(actions);
        Assert.That(vec.Truncations.ToArray(), Is.EqualTo(new[] { true, true, true }));
        Assert.That(vec.FinalObservations.ToArray(), Is.EqualTo(new[] { 3f, 3f, 3f }));
        Assert.That(vec.Observations.ToArray(), Is.EqualTo(new[] { 0f, 0f, 0f }), "auto-reset into the next episode");
    }

    [Test]
    public void RegisteringAnIdTwiceIsAClearError()
    {
        var again = new EnvRegistration(UserEnvId, "A second env under the same id.", options => new TickerEnv(options), 0, TickerEnv.Spec);
        var e = Assert.Throws<ArgumentException>(() => EnvRegistry.Register(again));
        Assert.That(e!.Message, Does.Contain(UserEnvId).And.Contain("already registered"));
        var builtIn = Assert.Throws<ArgumentException>(() => EnvRegistry.Register(EnvRegistry.Get("CartPole-v1")));
        Assert.That(builtIn!.Message, Does.Contain("CartPole-v1"), "built-in ids are registered through the same path");
        Assert.That(EnvRegistry.Get(UserEnvId).Summary, Does.StartWith("Counts its steps"), "the first registration stays");
    }

    [Test]
    public void InvalidRegistrationsAreRejected()
    {
        static EnvRegistration Registration(string id, string summary, int maxSteps) =>
            new(id, summary, options => new TickerEnv(options), maxSteps, TickerEnv.Spec);

        Assert.Throws<ArgumentException>(() => EnvRegistry.Register(Registration("", "summary", 0)));
        Assert.Throws<ArgumentException>(() => EnvRegistry.Register(Registration("  ", "summary", 0)));
        var noSummary = Assert.Throws<ArgumentException>(() => EnvRegistry.Register(Registration("NoSummary-v0", " ", 0)));
        Assert.That(noSummary!.Message, Does.Contain("NoSummary-v0").And.Contain("summary"));
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => EnvRegistry.Register(Registration("NegativeLimit-v0", "summary", -1)));
        Assert.That(negative!.Message, Does.Contain("MaxEpisodeSteps"));
        Assert.That(EnvRegistry.Contains("NoSummary-v0") || EnvRegistry.Contains("NegativeLimit-v0"), Is.False, "nothing half-registered");
    }

    [Test]
    public void ConcurrentRegistrationsAllLand()
    {
        var ids = Enumerable.Range(0, 64).Select(i => $"ConcurrentTicker{i}-v0").ToArray();
        Parallel.ForEach(ids, id => EnvRegistry.Register(new EnvRegistration(id, "concurrent", options => new TickerEnv(options), 0, TickerEnv.Spec)));
        Assert.That(ids.All(EnvRegistry.Contains), Is.True);
        Assert.That(EnvRegistry.Ids.Count(id => id.StartsWith("ConcurrentTicker", StringComparison.Ordinal)), Is.EqualTo(64));
    }

    /// <summary>A user's env: the observation counts steps, every step pays the descriptor's 'reward'.</summary>
    private sealed class TickerEnv(EnvOptions? options) : Env(Spec, options)
    {
        public static readonly DescriptorSpec Spec = new("Ticker", new DescriptorParameter("reward", 1, 0, 5, "reward per step"));

        private int _steps;

        public override string Id => UserEnvId;
        public override Box ObservationSpace { get; } = Box.Uniform(0, 1000, 1);
        public override Space ActionSpace { get; } = new Discrete(1);

        protected override void ResetCore(Span<float> observation, int? seed)
        {
            _steps = 0;
            observation[0] = 0;
        }

        protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
        {
            observation[0] = ++_steps;
            return new StepOutcome((float)Descriptor[0], false, false);
        }
    }
}
