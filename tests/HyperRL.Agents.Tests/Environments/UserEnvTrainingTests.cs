using HyperRL.Agents.Algorithms.Ppo;
using HyperRL.Agents.Config;
using HyperRL.Agents.Runs;
using HyperRL.Agents.Training;
using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Registry;
using HyperRL.Envs.Spaces;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Tests.Environments;

/// <summary>What a user does: write an env, register it, train on it by id with the default config.</summary>
public sealed class UserEnvTrainingTests
{
    private const string Id = "AgentsTestsLineWalk-v0";

    [OneTimeSetUp]
    public void Register()
    {
        if (!EnvRegistry.Contains(Id))
            EnvRegistry.Register(new EnvRegistration(Id, "Walk to the descriptor's target on a line.", options => new LineWalkEnv(options), 20, LineWalkEnv.Spec));
    }

    [Test]
    public void PpoTrainsAndEvaluatesOnARegisteredUserEnv()
    {
        string run = Directory.CreateTempSubdirectory("hyperrl-userenv-").FullName;
        try
        {
            var config = Presets.Presets.For(Id, "ppo") with
            {
                TotalSteps = 8192, NumEnvs = 8, EvalEvery = 0, EvalEpisodes = 16, CheckpointEvery = 0,
                Randomize = new() { ["target"] = "-3:3" },
                Algorithm = new PpoConfig { NumSteps = 32, MinibatchSize = 64, LearningRate = 1e-3 },
            };
            var result = Trainer.Train(config, Path.Combine(run, "r"));
            Assert.That(result.Steps, Is.EqualTo(8192));
            var episodes = RunReader.ReadEpisodes(new RunLayout(Path.Combine(run, "r")), LineWalkEnv.Spec);
            Assert.That(episodes.Select(e => e.Descriptor[0]).Distinct().Count(), Is.GreaterThan(10), "targets re-sampled per episode");
            Assert.That(result.FinalEvaluation[0].MeanReturn, Is.GreaterThan(episodes.Take(20).Average(e => e.Return)),
                "the policy improved on the first episodes");
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }

    /// <summary>Position x in [-5, 5], actions left/right by 0.5; reward -|x - target| / 5 per step, terminated at the target.</summary>
    private sealed class LineWalkEnv(EnvOptions? options) : Env(Spec, options)
    {
        public static readonly DescriptorSpec Spec = new("LineWalk", new DescriptorParameter("target", 2, -4, 4, "Where to walk to."));

        private float _x;

        public override string Id => UserEnvTrainingTests.Id;
        public override Box ObservationSpace { get; } = Box.Uniform(-5, 5, 1);
        public override Space ActionSpace { get; } = new Discrete(2);

        protected override void ResetCore(Span<float> observation, int? seed)
        {
            _x = (float)Rng.Uniform(-1, 1);
            observation[0] = _x;
        }

        protected override StepOutcome StepCore(int discreteAction, ReadOnlySpan<float> continuousAction, Span<float> observation)
        {
            _x = Math.Clamp(_x + (discreteAction == 0 ? -0.5f : 0.5f), -5f, 5f);
            observation[0] = _x;
            float distance = MathF.Abs(_x - (float)Descriptor[0]);
            return new StepOutcome(-distance / 5f, distance < 0.3f, false);
        }
    }
}
