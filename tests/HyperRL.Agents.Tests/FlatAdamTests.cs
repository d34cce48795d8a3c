using HyperRL.Agents.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Tests;

public sealed class FlatAdamTests
{
    [TestCase(0.05)]
    [TestCase(double.PositiveInfinity)]
    public void MatchesClipGradNormFollowedByTorchAdam(double maxGradNorm)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var a = nn.Sequential(nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 2));
        var b = nn.Sequential(nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 2));
        b.load_state_dict(a.state_dict());
        var reference = optim.Adam(a.parameters(), lr: 0.01, eps: 1e-5);
        var flat = new FlatAdam(b.parameters(), 0.01, eps: 1e-5);
        var x = randn(16, 3);
        var y = randn(16, 2);
        for (int step = 0; step < 25; step++)
        {
            reference.zero_grad();
            nn.functional.mse_loss(a.forward(x), y).backward();
            if (double.IsFinite(maxGradNorm)) nn.utils.clip_grad_norm_(a.parameters(), maxGradNorm);
            reference.step();

            flat.ZeroGrad();
            nn.functional.mse_loss(b.forward(x), y).backward();
            flat.Step(maxGradNorm);
        }
        foreach (var (pa, pb) in a.parameters().Zip(b.parameters()))
            Assert.That((pa - pb).abs().max().item<float>(), Is.LessThan(1e-5f));
    }

    [Test]
    public void StateRoundTripsAndRejectsAnotherModel()
    {
        string path = Path.GetTempFileName();
        try
        {
            using var scope = NewDisposeScope();
            var model = nn.Linear(3, 2);
            var optimizer = new FlatAdam(model.parameters(), 0.01);
            model.forward(randn(4, 3)).sum().backward();
            optimizer.Step(1.0);
            optimizer.Save(path);
            var restored = new FlatAdam(model.parameters(), 0.01);
            restored.Load(path);
            Assert.That(restored.StepCount, Is.EqualTo(1));
            Assert.Throws<InvalidDataException>(() => new FlatAdam(nn.Linear(4, 2).parameters(), 0.01).Load(path));
            File.WriteAllBytes(path, new byte[5]);
            Assert.Throws<EndOfStreamException>(() => restored.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
