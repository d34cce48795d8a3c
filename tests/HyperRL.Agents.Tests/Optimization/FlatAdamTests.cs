using HyperRL.Agents.Optimization;
using HyperRL.HyperPolicy.Tests;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Tests;

public sealed class FlatAdamTests
{
    [TestCase(0.05, false, 5)]
    [TestCase(double.PositiveInfinity, false, 5)]
    [TestCase(0.05, true, 5)]
    [TestCase(double.PositiveInfinity, true, 5)]
    // A hidden layer of 3 x 11000 weights: at least OwnGradientMinSize values, so on the CPU its gradient is its own.
    [TestCase(0.05, false, 11_000)]
    [TestCase(0.05, true, 11_000)]
    public void MatchesClipGradNormFollowedByTorchAdam(double maxGradNorm, bool tensorOps, int hidden)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var a = nn.Sequential(nn.Linear(3, hidden), nn.Tanh(), nn.Linear(hidden, 2));
        var b = nn.Sequential(nn.Linear(3, hidden), nn.Tanh(), nn.Linear(hidden, 2));
        b.load_state_dict(a.state_dict());
        var reference = optim.Adam(a.parameters(), lr: 0.01, eps: 1e-5);
        var flat = new FlatAdam(b.parameters(), 0.01, eps: 1e-5);
        if (tensorOps) flat.UseTensorOps();
        var x = randn(16, 3);
        var y = randn(16, 2);
        for (int step = 0; step < 25; step++)
        {
            reference.zero_grad();
            nn.functional.mse_loss(a.forward(x), y).backward();
            double referenceNorm = nn.utils.clip_grad_norm_(a.parameters(), double.IsFinite(maxGradNorm) ? maxGradNorm : 1e30);
            reference.step();

            flat.ZeroGrad();
            nn.functional.mse_loss(b.forward(x), y).backward();
            flat.Step(maxGradNorm);
            Assert.That(flat.LastGradientNorm, Is.EqualTo(referenceNorm).Within(0.01).Percent, "the norm before clipping");
            Assert.That(b.parameters().All(p => p.grad is null || p.grad.abs().max().item<float>() == 0f), Is.True,
                "a step leaves the gradient zeroed (or unset, for parameters with a gradient of their own)");
        }
        foreach (var (pa, pb) in a.parameters().Zip(b.parameters()))
            Assert.That((pa - pb).abs().max().item<float>(), Is.LessThan(1e-5f));
    }

    private static nn.Module<Tensor, Tensor> SmallMlp() => nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 2));

    private static void Backward(nn.Module<Tensor, Tensor> model, Device device) =>
        model.forward(ones(4, 3, device: device)).square().mean().backward();

    // The first parameter sits at offset 0 of the buffer, like a tensor of its own: only its address tells them apart.
    [TestCase(0, false)]
    [TestCase(0, true)]
    [TestCase(3, false)]
    [TestCase(3, true)]
    public void ReplacingAParametersStorageFailsTheNextStep(int index, bool tensorOps)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var model = SmallMlp();
        var optimizer = new FlatAdam(model.parameters(), 0.01);
        if (tensorOps) optimizer.UseTensorOps();
        var parameter = model.parameters().ElementAt(index);
        using (no_grad()) parameter.set_(zeros_like(parameter));
        optimizer.ZeroGrad();
        Backward(model, CPU);
        var shape = string.Join(", ", parameter.shape);
        Assert.That(() => optimizer.Step(1.0), Throws.InvalidOperationException.With.Message.EqualTo(
            $"parameter {index} [{shape}] no longer views FlatAdam's buffer (moved with .to() or replaced after the optimizer was built?); " +
            "build the optimizer after moving the module"));
    }

    [TestCase(0)]
    [TestCase(3)]
    public void ReplacingAParametersStorageOnTheStrictDeviceFailsTheNextStep(int index)
    {
        // Meta storages have no address: there the storage's size tells the buffer from a tensor of its own.
        using var scope = NewDisposeScope();
        var strict = StrictDevice.Get();
        var model = SmallMlp();
        model.to(strict);
        var optimizer = new FlatAdam(model.parameters(), 0.01);
        var parameter = model.parameters().ElementAt(index);
        using (no_grad()) parameter.set_(zeros_like(parameter));
        optimizer.ZeroGrad();
        Backward(model, strict);
        Assert.That(() => optimizer.Step(1.0), Throws.InvalidOperationException.With.Message.StartsWith($"parameter {index} [{string.Join(", ", parameter.shape)}] no longer views"));
    }

    [Test]
    public void MovingTheModuleAfterBuildingTheOptimizerFailsTheNextStep([Values] bool toStrictDevice)
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var model = SmallMlp();
        var optimizer = new FlatAdam(model.parameters(), 0.01);
        // .to(cpu) on the CPU changes nothing; another device or dtype replaces every parameter.
        if (toStrictDevice) model.to(StrictDevice.Get());
        else model.to(ScalarType.Float64);
        Assert.That(() => optimizer.ZeroGrad(), Throws.Nothing, "no parameter here has a gradient of its own to drop");
        Assert.That(() => optimizer.Step(1.0), Throws.InvalidOperationException.With.Message.StartsWith("parameter 0 [8, 3] no longer views FlatAdam's buffer"));
    }

    [Test]
    public void MovingAParameterWithAGradientOfItsOwnFailsAlreadyInZeroGrad()
    {
        using var scope = NewDisposeScope();
        var model = nn.Linear(3, (int)FlatAdam.OwnGradientMinSize);
        var optimizer = new FlatAdam(model.parameters(), 0.01);
        model.to(ScalarType.Float64);
        Assert.That(() => optimizer.ZeroGrad(), Throws.InvalidOperationException.With.Message.StartsWith($"parameter 0 [{FlatAdam.OwnGradientMinSize}, 3] no longer views"));
    }

    [Test]
    public void MovingToTheDeviceTheModuleIsOnKeepsTheOptimizerWorking()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var model = SmallMlp();
        var optimizer = new FlatAdam(model.parameters(), 0.01);
        model.to(CPU);
        var before = model.parameters().First().clone();
        optimizer.ZeroGrad();
        Backward(model, CPU);
        optimizer.Step(1.0);
        Assert.That(model.parameters().First().allclose(before), Is.False, "the step reached the module's parameters");
    }

    [Test]
    public void StepsOnTheStrictDeviceWithoutReadingAValueBack([Values(0.05, double.PositiveInfinity)] double maxGradNorm)
    {
        // No data on meta: a step that read the norm (or anything) back would throw here. StrictDevice.Explanation says why meta.
        using var scope = NewDisposeScope();
        var strict = StrictDevice.Get();
        var model = SmallMlp();
        model.to(strict);
        var optimizer = new FlatAdam(model.parameters(), 0.01);
        for (int step = 0; step < 2; step++)
        {
            optimizer.ZeroGrad();
            Backward(model, strict);
            optimizer.Step(maxGradNorm);
        }
        Assert.That(optimizer.StepCount, Is.EqualTo(2));
        Assert.That(model.parameters().Select(p => p.device_type), Is.All.EqualTo(DeviceType.META));
        Assert.That(() => optimizer.LastGradientNorm, Throws.Exception, "meta holds no value to read: the norm is only read on demand");
    }

    [Test]
    public void FusedKernelHandlesLengthsThatAreNotAMultipleOfTheVectorWidth()
    {
        // 1003 floats: whole SIMD vectors plus a scalar tail, checked against the formula element by element.
        var rng = new Random(4);
        float[] Random(int n) => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var p = Random(1003);
        var g = Random(1003);
        var m = Random(1003);
        var v = Random(1003).Select(Math.Abs).ToArray();
        var (p0, g0, m0, v0) = ((float[])p.Clone(), (float[])g.Clone(), (float[])m.Clone(), (float[])v.Clone());
        Assert.That(FusedAdamKernel.SquaredNorm(g), Is.EqualTo(g.Sum(x => (double)x * x)).Within(1e-3));
        FusedAdamKernel.Step(p, g, m, v, gradientScale: 0.5f, beta1: 0.9f, beta2: 0.999f, stepSize: 0.01f, epsilonHat: 1e-5f);
        for (int k = 0; k < p.Length; k++)
        {
            float gk = 0.5f * g0[k];
            float mk = 0.9f * m0[k] + 0.1f * gk;
            float vk = 0.999f * v0[k] + 0.001f * gk * gk;
            Assert.That(m[k], Is.EqualTo(mk).Within(1e-6f), $"m[{k}]");
            Assert.That(v[k], Is.EqualTo(vk).Within(1e-6f), $"v[{k}]");
            Assert.That(p[k], Is.EqualTo(p0[k] - 0.01f * mk / (MathF.Sqrt(vk) + 1e-5f)).Within(1e-5f), $"p[{k}]");
            Assert.That(g[k], Is.EqualTo(0f), $"g[{k}]");
        }
    }

    [Test]
    public void FusedKernelFlushesMomentsThatWouldTurnSubnormal()
    {
        // A parameter with no gradient: m shrinks by beta1 a step. Stored moments never fall below Tiny (no subnormal
        // values, which cost ~100x per multiply on x86), and a moment above it is kept as computed.
        const int n = 37; // SIMD vectors and a scalar tail
        var p = new float[n];
        var g = new float[n];
        var m = Enumerable.Repeat(1e-29f, n).ToArray();
        var v = Enumerable.Repeat(1e-29f, n).ToArray();
        m[5] = 1e-3f;
        for (int step = 0; step < 200; step++)
        {
            FusedAdamKernel.Step(p, g, m, v, gradientScale: 1f, beta1: 0.9f, beta2: 0.999f, stepSize: 0.01f, epsilonHat: 1e-8f);
            foreach (var moment in m.Concat(v))
                Assert.That(moment == 0 || Math.Abs(moment) >= FusedAdamKernel.Tiny, Is.True, $"step {step}: a moment of {moment}");
        }
        Assert.That(m.Count(x => x == 0), Is.EqualTo(n - 1), "every moment that decayed below Tiny is zero");
        Assert.That(m[5], Is.EqualTo(1e-3f * MathF.Pow(0.9f, 200)).Within(1e-14f), "a moment above Tiny is kept");
        Assert.That(v, Has.All.EqualTo(0f).Or.GreaterThanOrEqualTo(FusedAdamKernel.Tiny));
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
