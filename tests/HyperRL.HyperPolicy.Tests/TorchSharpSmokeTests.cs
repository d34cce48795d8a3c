using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

/// <summary>Proves TorchSharp's native library loads from the build output (see build/TorchSharpNativeFix.targets).</summary>
public sealed class TorchSharpSmokeTests
{
    [Test]
    public void TensorBackwardAndAdamStepWork()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        var layer = nn.Linear(3, 1);
        var optimizer = optim.Adam(layer.parameters(), lr: 0.1);
        var x = tensor(new float[] { 1, 2, 3, -1, 0, 1 }, new long[] { 2, 3 });
        var target = tensor(new float[] { 1, -1 }, new long[] { 2, 1 });

        float before = 0;
        for (int i = 0; i < 50; i++)
        {
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(layer.forward(x), target);
            if (i == 0) before = loss.item<float>();
            loss.backward();
            Assert.That(layer.weight!.grad, Is.Not.Null, "backward must populate gradients");
            optimizer.step();
        }
        float after = nn.functional.mse_loss(layer.forward(x), target).item<float>();
        Assert.That(after, Is.LessThan(before * 0.01f), $"Adam should fit 2 points: loss {before} -> {after}");
    }
}
