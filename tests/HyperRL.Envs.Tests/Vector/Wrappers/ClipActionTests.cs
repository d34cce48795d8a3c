using HyperRL.Envs.Core;
using HyperRL.Envs.Spaces;
using HyperRL.Envs.Tests.Core;
using HyperRL.Envs.Vector;
using HyperRL.Envs.Vector.Wrappers;

namespace HyperRL.Envs.Tests.Vector.Wrappers;

public sealed class ClipActionTests
{
    private static ClipAction EchoEnvs() => new(new SyncVectorEnv(new Env[] { new ActionEchoEnv(), new ActionEchoEnv() }));

    [Test]
    public void ClipsEveryRowIntoTheInnerBoxAndAdvertisesAnUnboundedSpace()
    {
        using var env = EchoEnvs();
        Assert.That(env.SingleActionSpace, Is.EqualTo(Box.Uniform(float.NegativeInfinity, float.PositiveInfinity, 2)));
        Assert.That(env.Inner.SingleActionSpace, Is.EqualTo(Box.Uniform(-1, 1, 2)), "the inner env keeps its bounds");
        Assert.That(env.ActionSize, Is.EqualTo(2));
        env.Reset(seed: 0);
        var actions = new[] { 7f, -0.5f, -3f, 0.25f };
        env.Step(actions);
        Assert.That(env.Observations.ToArray(), Is.EqualTo(new[] { 1f, -0.5f, -1f, 0.25f }), "each env saw its own row, clipped");
        Assert.That(actions, Is.EqualTo(new[] { 7f, -0.5f, -3f, 0.25f }), "the caller's actions are not modified");
    }

    [Test]
    public void NonFiniteActionsAreStillRejectedByTheInnerEnv()
    {
        using var env = EchoEnvs();
        env.Reset(seed: 0);
        var nan = Assert.Throws<ArgumentException>(() => env.Step(new[] { 0f, 0f, float.NaN, 0f }));
        Assert.That(nan!.Message, Does.Contain("ActionEcho-v0").And.Contain("finite"));
        Assert.Throws<ArgumentException>(() => env.Step(new[] { float.NegativeInfinity, 0f, 0f, 0f }), "an infinity is not clipped to the bound");
        Assert.Throws<ArgumentException>(() => env.Step(new[] { 0f, 0f, 0f }), "one row short");
    }

    [Test]
    public void RejectsDiscreteEnvsNamingTheEnv()
    {
        using var cartPole = VectorEnvFactory.Make("CartPole-v1", numEnvs: 2);
        var e = Assert.Throws<ArgumentException>(() => _ = new ClipAction(cartPole));
        Assert.That(e!.Message, Does.Contain("CartPole-v1").And.Contain("continuous"));
    }
}
