using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

public sealed class TorchSharpSmokeTests
{
    [Test]
    public void NativeLibraryLoadsAndComputes()
    {
        using var x = ones(2, 3);
        Assert.That(x.sum().item<float>(), Is.EqualTo(6f));
    }
}
