using HyperRL.Envs.Box2DLite;

namespace HyperRL.Envs.Tests.Box2DLite;

/// <summary>
/// Replays Gymnasium's recorded episodes (same terrain, initial force, dispersion and actions) on our physics and
/// compares magnitudes with Box2D's: free fall per step, the velocity change a main-engine or side-engine step
/// gives, the flight path, and when the legs touch and the hull crashes. Bitwise equality is not the goal.
/// </summary>
public class LunarLanderCalibrationTests
{
    private sealed record Replay(LunarLanderReference Reference, List<LanderBodyState> Ours, List<bool> OursLegContact, int OursTerminatedAt, float OursLastReward);

    private static readonly Lazy<IReadOnlyList<Replay>> Replays = new(() => LunarLanderReference.Load().Select(Run).ToList());

    private static Replay Run(LunarLanderReference reference)
    {
        var env = new LunarLanderEnv();
        env.SetReplayDraws(reference.Draws);
        var obs = new float[env.ObservationSize];
        env.Reset(obs, reference.Seed);
        var states = new List<LanderBodyState> { env.GetBodyState(0) };
        var contact = new List<bool>();
        int terminatedAt = -1;
        float last = 0;
        for (int i = 0; i < reference.Steps.Count; i++)
        {
            var outcome = env.Step(reference.Steps[i].Action, obs);
            states.Add(env.GetBodyState(0));
            contact.Add(obs[6] > 0 || obs[7] > 0);
            last = outcome.Reward;
            if (outcome.Terminated)
            {
                terminatedAt = i;
                break;
            }
        }
        return new Replay(reference, states, contact, terminatedAt, last);
    }

    /// <summary>Velocity changes of the hull over flight steps (no leg contact before or after) with the given actions.</summary>
    private static (List<double> Ours, List<double> Box2D) Deltas(Func<LunarLanderReference.BodyState, LunarLanderReference.BodyState, double> refDelta,
        Func<LanderBodyState, LanderBodyState, double> ourDelta, params int[] actions)
    {
        var ours = new List<double>();
        var box2d = new List<double>();
        foreach (var replay in Replays.Value)
        {
            var steps = replay.Reference.Steps;
            int firstContact = replay.Reference.FirstLegContactStep;
            for (int i = 0; i < steps.Count && i + 1 < replay.Ours.Count; i++)
            {
                if (!actions.Contains(steps[i].Action) || (firstContact >= 0 && i >= firstContact - 1) || replay.OursLegContact[i]) continue;
                var refBefore = i == 0 ? replay.Reference.InitialLander : steps[i - 1].Lander;
                box2d.Add(refDelta(refBefore, steps[i].Lander));
                ours.Add(ourDelta(replay.Ours[i], replay.Ours[i + 1]));
            }
        }
        return (ours, box2d);
    }

    [Test]
    public void InitialStateMatchesBox2DAfterResetStep()
    {
        foreach (var replay in Replays.Value)
        {
            var ours = replay.Ours[0];
            var box2d = replay.Reference.InitialLander;
            TestContext.Out.WriteLine($"seed {replay.Reference.Seed}: y {ours.Y:F4} vs {box2d.Y:F4}, vy {ours.Vy:F4} vs {box2d.Vy:F4}, omega {ours.AngularVelocity:F4} vs {box2d.Omega:F4}");
            Assert.That(ours.X, Is.EqualTo(box2d.X).Within(0.005));
            Assert.That(ours.Y, Is.EqualTo(box2d.Y).Within(0.005));
            Assert.That(ours.Vx, Is.EqualTo(box2d.Vx).Within(0.01));
            Assert.That(ours.Vy, Is.EqualTo(box2d.Vy).Within(0.01));
            // The spin Box2D's first step leaves when it snaps the legs onto their joints.
            Assert.That(ours.AngularVelocity, Is.EqualTo(box2d.Omega).Within(0.02));
        }
    }

    [Test]
    public void FreeFallVelocityChangePerStepMatchesBox2D()
    {
        var (ours, box2d) = Deltas((a, b) => b.Vy - a.Vy, (a, b) => b.Vy - a.Vy, 0);
        TestContext.Out.WriteLine($"free fall dvy/step: ours {ours.Average():F5}, Box2D {box2d.Average():F5} over {ours.Count} no-op steps");
        Assert.That(ours, Has.Count.GreaterThan(10));
        Assert.That(ours.Average(), Is.EqualTo(box2d.Average()).Within(0.5).Percent);
        Assert.That(ours.Average(), Is.EqualTo(-10.0 / LunarLanderConstants.Fps).Within(0.5).Percent);
    }

    [Test]
    public void MainEngineVelocityChangeMatchesBox2D()
    {
        var (ours, box2d) = Deltas((a, b) => b.Vy - a.Vy, (a, b) => b.Vy - a.Vy, 2);
        // The engine's own share, gravity removed: impulse over the whole lander's mass.
        double oursThrust = ours.Average() + 0.2, box2dThrust = box2d.Average() + 0.2;
        double worst = ours.Zip(box2d, (o, r) => Math.Abs(o - r)).Max();
        TestContext.Out.WriteLine($"main engine dvy/step: ours {ours.Average():F4}, Box2D {box2d.Average():F4} (thrust part {oursThrust:F4} vs {box2dThrust:F4}, worst step differs by {worst:F4} m/s) over {ours.Count} steps");
        Assert.That(ours, Has.Count.GreaterThan(10));
        Assert.That(oursThrust, Is.EqualTo(box2dThrust).Within(2).Percent);
        Assert.That(worst, Is.LessThan(0.02));
    }

    [Test]
    public void SideEngineSpinMatchesBox2D()
    {
        var (ours, box2d) = Deltas((a, b) => Math.Abs(b.Omega - a.Omega), (a, b) => Math.Abs(b.AngularVelocity - a.AngularVelocity), 1, 3);
        TestContext.Out.WriteLine($"side engine |d omega|/step: ours {ours.Average():F4}, Box2D {box2d.Average():F4} rad/s over {ours.Count} steps");
        Assert.That(ours, Has.Count.GreaterThan(10));
        Assert.That(ours.Average(), Is.EqualTo(box2d.Average()).Within(3).Percent);
    }

    [Test]
    public void FlightPathFollowsBox2D()
    {
        foreach (var replay in Replays.Value)
        {
            const int step = 50;
            var ours = replay.Ours[step + 1];
            var box2d = replay.Reference.Steps[step].Lander;
            TestContext.Out.WriteLine($"seed {replay.Reference.Seed} after {step + 1} steps: x {ours.X:F3} vs {box2d.X:F3}, y {ours.Y:F3} vs {box2d.Y:F3}, angle {ours.Angle:F3} vs {box2d.Angle:F3}");
            Assert.That(ours.Y, Is.EqualTo(box2d.Y).Within(0.02));
            Assert.That(ours.X, Is.EqualTo(box2d.X).Within(0.02));
            Assert.That(ours.Angle, Is.EqualTo(box2d.Angle).Within(0.01));
        }
    }

    [Test]
    public void LegContactAndCrashHappenWhenBox2DsDo()
    {
        foreach (var replay in Replays.Value)
        {
            int refContact = replay.Reference.FirstLegContactStep;
            int oursContact = replay.OursLegContact.IndexOf(true);
            int refEnd = replay.Reference.Steps.Count - 1;
            TestContext.Out.WriteLine($"seed {replay.Reference.Seed}: first leg contact step {oursContact} (Box2D {refContact}), crash step {replay.OursTerminatedAt} (Box2D {refEnd})");
            Assert.That(replay.Reference.Steps[refEnd].Terminated, Is.True);
            Assert.That(oursContact, Is.EqualTo(refContact).Within(1));
            Assert.That(replay.OursTerminatedAt, Is.EqualTo(refEnd).Within(1));
            Assert.That(replay.OursLastReward, Is.EqualTo(-100f));
        }
    }

    [Test]
    public void ShapingRewardScaleMatchesBox2D()
    {
        foreach (var replay in Replays.Value)
        {
            var env = new LunarLanderEnv();
            env.SetReplayDraws(replay.Reference.Draws);
            var obs = new float[env.ObservationSize];
            env.Reset(obs, replay.Reference.Seed);
            double ours = 0, box2d = 0;
            for (int i = 0; i < 40; i++)
            {
                ours += env.Step(replay.Reference.Steps[i].Action, obs).Reward;
                box2d += replay.Reference.Steps[i].Reward;
            }
            TestContext.Out.WriteLine($"seed {replay.Reference.Seed}: return over 40 flight steps {ours:F2} (Box2D {box2d:F2})");
            Assert.That(ours, Is.EqualTo(box2d).Within(5.0));
        }
    }
}
