using HyperRL.Agents.Experiments;
using HyperRL.Envs.ClassicControl;

namespace HyperRL.Agents.Tests.Experiments;

public sealed class GridSweepTests
{
    [Test]
    public void PointsAreTheCrossProductWithTheFixedValues()
    {
        var sweeps = new[] { GridSweep.Parse("pole_length=0.2:1.0:3"), GridSweep.Parse("force_mag=5:15:2") };
        var points = GridSweep.Points(sweeps, new Dictionary<string, double> { ["gravity"] = 9.8 }, CartPoleDescriptor.Spec);
        Assert.That(points, Has.Count.EqualTo(6));
        Assert.That(points.Select(p => p["pole_length"]), Is.EqualTo(new[] { 0.2, 0.2, 0.6, 0.6, 1.0, 1.0 }).Within(1e-12));
        Assert.That(points.Select(p => p["force_mag"]), Is.EqualTo(new[] { 5.0, 15.0, 5.0, 15.0, 5.0, 15.0 }));
        Assert.That(points.All(p => p["gravity"] == 9.8), Is.True);
    }

    [Test]
    public void BadGridsFailBeforeAnyPointIsEvaluated()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => GridSweep.Parse("pole_length=1:0.2:3"))!.Message, Does.Contain("LOW:HIGH:COUNT"));
        var twice = Assert.Throws<ArgumentException>(() => GridSweep.Points(
            [GridSweep.Parse("pole_length=0.2:1:3"), GridSweep.Parse("pole_length=0.3:1:3")], new Dictionary<string, double>(), CartPoleDescriptor.Spec));
        Assert.That(twice!.Message, Does.Contain("twice"));
        Assert.That(() => GridSweep.Points([GridSweep.Parse("pole_length=0.2:9:3")], new Dictionary<string, double>(), CartPoleDescriptor.Spec),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("pole_length"));
        Assert.That(() => GridSweep.Points([GridSweep.Parse("pole_lenght=0.2:1:3")], new Dictionary<string, double>(), CartPoleDescriptor.Spec),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("pole_length"));
    }

    [Test]
    public void AssignmentsNameTheFlagAndRefuseARepeatedName()
    {
        Assert.That(Assignment.Point("pole_length=1, force_mag=5", "--heldout"), Is.EqualTo(new Dictionary<string, double> { ["pole_length"] = 1, ["force_mag"] = 5 }));
        Assert.That(Assert.Throws<ArgumentException>(() => Assignment.Point("a=1,a=2", "--heldout"))!.Message, Does.Contain("'a' twice"));
        Assert.That(Assert.Throws<ArgumentException>(() => Assignment.Point("a", "--heldout"))!.Message, Does.Contain("--heldout").And.Contain("NAME=VALUE"));
        Assert.That(Assert.Throws<ArgumentException>(() => Assignment.Range("a=2:1", "--randomize"))!.Message, Does.Contain("--randomize a"));
    }
}
