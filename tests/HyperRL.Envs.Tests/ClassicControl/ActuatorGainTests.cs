using HyperRL.Envs.ClassicControl;
using HyperRL.Envs.Core;
using HyperRL.Envs.Registry;

namespace HyperRL.Envs.Tests.ClassicControl;

/// <summary>
/// actuator_gain multiplies the action's effect, so a policy that ignores the descriptor cannot act correctly under
/// both signs; these pin down that the gain reaches the physics exactly and nowhere else.
/// </summary>
public sealed class ActuatorGainTests
{
    private static readonly double[] s_cartStart = { 0.1, -0.2, 0.03, 0.4 };
    private static readonly double[] s_pendulumStart = { 0.3, -0.2 };

    [TestCase("CartPole-v1")]
    [TestCase("Acrobot-v1")]
    [TestCase("Pendulum-v1")]
    public void GainIsTheLastParameterWithRangeMinusFourToFour(string id)
    {
        var spec = EnvRegistry.Make(id).DescriptorSpec;
        var gain = spec.Parameters[^1];
        Assert.That(gain.Name, Is.EqualTo("actuator_gain"));
        Assert.That((gain.Default, gain.Min, gain.Max), Is.EqualTo((1.0, -4.0, 4.0)));
        Assert.That(gain.Description, Does.Contain("invert"));
    }

    [TestCase("CartPole-v1", 4.5)]
    [TestCase("Acrobot-v1", -4.01)]
    [TestCase("Pendulum-v1", 100.0)]
    public void GainOutsideItsRangeThrowsNamingIt(string id, double value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => EnvRegistry.Make(id, WithGain(value)));
        Assert.That(ex!.Message, Does.Contain("actuator_gain"));
    }

    [TestCase(-4.0)]
    [TestCase(0.0)]
    [TestCase(4.0)]
    public void GainAtItsBoundsIsAccepted(double value) =>
        Assert.That(EnvRegistry.Make("CartPole-v1", WithGain(value)).Descriptor[CartPoleDescriptor.ActuatorGain], Is.EqualTo(value));

    [Test]
    public void CartPoleNegativeGainSwapsTheActions()
    {
        Assert.That(CartPoleAfterOneStep(0, -1.0), Is.EqualTo(CartPoleAfterOneStep(1, 1.0)));
        Assert.That(CartPoleAfterOneStep(1, -1.0), Is.EqualTo(CartPoleAfterOneStep(0, 1.0)));
        Assert.That(CartPoleAfterOneStep(0, 1.0), Is.Not.EqualTo(CartPoleAfterOneStep(1, 1.0)));
    }

    [Test]
    public void CartPoleGainTwoDoublesTheForcesVelocityChange()
    {
        // x_dot's change is linear in the force: the force-free part is what the two actions share, so
        // (push right - push left) / 2 is the force's own contribution, which gain 2 must double.
        double ForceEffect(double gain) => (CartPoleAfterOneStep(1, gain)[1] - CartPoleAfterOneStep(0, gain)[1]) / 2;
        Assert.That(ForceEffect(1.0), Is.GreaterThan(0));
        Assert.That(ForceEffect(2.0), Is.EqualTo(2 * ForceEffect(1.0)).Within(1e-12));
        // The pushed cart under gain 2 equals the default cart with force_mag doubled.
        Assert.That(CartPoleAfterOneStep(1, 2.0),
            Is.EqualTo(CartPoleAfterOneStep(1, new EnvOptions { Parameters = new Dictionary<string, double> { ["force_mag"] = 20.0 } })));
    }

    [Test]
    public void CartPoleZeroGainLeavesTheActionWithoutEffect() =>
        Assert.That(CartPoleAfterOneStep(0, 0.0), Is.EqualTo(CartPoleAfterOneStep(1, 0.0)));

    [TestCase(0.7f)]
    [TestCase(-1.6f)]
    [TestCase(2f)]
    public void PendulumNegativeGainMirrorsTheTorqueButNotTheCost(float u)
    {
        var inverted = PendulumAfterOneStep(u, -1.0);
        var mirrored = PendulumAfterOneStep(-u, 1.0);
        Assert.That(inverted.State, Is.EqualTo(mirrored.State));
        Assert.That(inverted.Reward, Is.EqualTo(mirrored.Reward), "the cost charges u^2 of the command sent");
        Assert.That(inverted.State, Is.Not.EqualTo(PendulumAfterOneStep(u, 1.0).State));
    }

    [Test]
    public void PendulumCostUsesTheClippedCommandWhateverTheGain()
    {
        // With the same action, the gain changes the motion but not the action-cost term; from a state at rest at
        // the top, the angle and speed costs are zero, so the reward is -0.001 u^2 for every gain.
        foreach (double gain in new[] { -4.0, -1.0, 0.5, 3.0 })
        {
            var (_, reward) = PendulumAfterOneStep(5f, gain, start: new[] { 0.0, 0.0 });
            Assert.That(reward, Is.EqualTo((float)(-0.001 * 2.0 * 2.0)), $"gain {gain}");
        }
    }

    [Test]
    public void AcrobotNegativeGainSwapsTheTorques()
    {
        Assert.That(AcrobotAfterOneStep(0, -1.0), Is.EqualTo(AcrobotAfterOneStep(2, 1.0)));
        Assert.That(AcrobotAfterOneStep(1, -1.0), Is.EqualTo(AcrobotAfterOneStep(1, 1.0)), "no torque stays no torque");
        Assert.That(AcrobotAfterOneStep(0, 1.0), Is.Not.EqualTo(AcrobotAfterOneStep(2, 1.0)));
    }

    private static EnvOptions WithGain(double gain) =>
        new() { Parameters = new Dictionary<string, double> { ["actuator_gain"] = gain } };

    private static double[] CartPoleAfterOneStep(int action, double gain) => CartPoleAfterOneStep(action, WithGain(gain));

    private static double[] CartPoleAfterOneStep(int action, EnvOptions options)
    {
        Env env = EnvRegistry.Make("CartPole-v1", options);
        env.Reset(0);
        var physical = (IPhysicalState)env.Unwrapped;
        physical.SetState(s_cartStart);
        env.Step(action);
        return physical.GetState();
    }

    private static double[] AcrobotAfterOneStep(int action, double gain)
    {
        Env env = EnvRegistry.Make("Acrobot-v1", WithGain(gain));
        env.Reset(0);
        var physical = (IPhysicalState)env.Unwrapped;
        physical.SetState(new[] { 0.2, -0.1, 0.3, 0.5 });
        env.Step(action);
        return physical.GetState();
    }

    private static (double[] State, float Reward) PendulumAfterOneStep(float action, double gain, double[]? start = null)
    {
        Env env = EnvRegistry.Make("Pendulum-v1", WithGain(gain));
        env.Reset(0);
        var physical = (IPhysicalState)env.Unwrapped;
        physical.SetState(start ?? s_pendulumStart);
        var result = env.Step(new[] { action });
        return (physical.GetState(), result.Reward);
    }
}
