using System.Runtime.InteropServices;
using HyperRL.HyperPolicy.Conditioning;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

/// <summary>
/// Every conditioning scheme and head, forward and backward, with a shared and with per-row descriptors (several
/// distinct ones: the padded multi-descriptor path), in gradient mode and under no_grad (the generated-weight cache),
/// placed two ways on the strict device (see <see cref="StrictDevice"/>): the module moved there, and the module on
/// the CPU while every tensor created without a device lands there. A tensor made on the wrong device fails one of them.
/// </summary>
public sealed class DeviceTests
{
    private const int Rows = 7;

    // Three distinct descriptors in uneven groups (3, 2, 2 rows), so the padded block really pads.
    private static readonly int[] DescriptorOfRow = [0, 1, 1, 2, 0, 2, 0];

    public enum Placement
    {
        /// <summary>module.to(meta), every input on meta.</summary>
        ModuleOnStrictDevice,

        /// <summary>Module and inputs on the CPU, meta the default device.</summary>
        StrictDefaultDevice,
    }

    [Test]
    public void TheStrictDeviceRefusesACpuOperandInElementwiseOps()
    {
        // If meta ever accepted these, the tests below would prove nothing.
        using var scope = NewDisposeScope();
        var strict = StrictDevice.Get();
        Assert.That(() => zeros(3, device: strict) + zeros(3), Throws.InstanceOf<ExternalException>().With.Message.Contains("same device"),
            StrictDevice.Explanation);
        Assert.That(() => addcmul(zeros(3), zeros(2, 3, device: strict), zeros(3, device: strict), 1),
            Throws.InstanceOf<ExternalException>().With.Message.Contains("same device"));
        Assert.That(() => zeros(3, device: strict).lerp_(zeros(3), 0.5), Throws.InstanceOf<ExternalException>().With.Message.Contains("same device"));
    }

    [Test]
    public void UnderTheStrictDefaultATensorCreatedWithoutADeviceMarksWhatItMeets()
    {
        using var scope = NewDisposeScope();
        var cpuRows = zeros(4, 2, device: CPU);
        using (StrictDevice.AsDefault())
        {
            var index = tensor(new long[] { 0, 3 });
            Assert.That(index.device_type, Is.EqualTo(DeviceType.META), "a tensor created without a device");
            // gather does not check devices on meta, but its output carries the stray index's device.
            Assert.That(cpuRows.gather(0, index.unsqueeze(1).expand(-1, 2)).device_type, Is.EqualTo(DeviceType.META));
            Assert.That(() => cpuRows + ones(4, 2), Throws.InstanceOf<ExternalException>().With.Message.Contains("same device"));
            Assert.That(zeros(2, device: CPU).device_type, Is.EqualTo(DeviceType.CPU), "an explicit device still wins");
        }
        Assert.That(zeros(1).device_type, Is.EqualTo(DeviceType.CPU), "the default device is restored");
    }

    [Test]
    public void MovingAHypernetworkDropsTheWeightsItCachedOnTheOldDevice()
    {
        manual_seed(34);
        using var policy = ActorCritic.Create(TestShapes.Hyper(), TestShapes.Discrete);
        var cache = ((HyperConditionedNetwork)policy.ActorNetwork).Cache;
        using (var scope = NewDisposeScope())
        using (no_grad())
            policy.Value(randn(3, 5), tensor(new[] { 0.5f, 0f, 15f }));
        Assert.That(cache.Count, Is.EqualTo(1));
        policy.to(StrictDevice.Get());
        Assert.That(cache.Count, Is.Zero);
    }

    [Test]
    public void DescriptorsWithoutValuesFormOneGroupPerRowAndNoKeys()
    {
        using var scope = NewDisposeScope();
        var groups = Hypernetworks.DescriptorGroups.Of(zeros(4, 3, device: StrictDevice.Get()));
        Assert.That(groups.Keys, Is.Null);
        Assert.That(groups.Count, Is.EqualTo(4));
        Assert.That(groups.Inverse, Is.EqualTo(new long[] { 0, 1, 2, 3 }));
        Assert.That(Hypernetworks.DescriptorGroups.KeyOf(zeros(3, device: StrictDevice.Get())), Is.Null);
    }

    private static IEnumerable<(string Name, PolicySpec Spec)> Conditionings()
    {
        var full = TestShapes.Hyper();
        yield return ("hyper-full", full);
        yield return ("hyper-chunked", TestShapes.Hyper(HyperKind.Chunked));
        yield return ("hyper-lowrank", TestShapes.Hyper(HyperKind.LowRank));
        yield return ("hyper-generated1", full with { Hyper = full.Hyper with { GeneratedLayers = 1 } });
        yield return ("hyper-concatinput", TestShapes.ConcatInput(full));
        yield return ("hyper-concatinput-generated1", TestShapes.ConcatInput(full with { Hyper = full.Hyper with { GeneratedLayers = 1 } }));
        yield return ("hyper-sharedtrunk", full with { SharedTrunk = true });
        yield return ("hyper-concatcritic", full with { HyperCritic = false });
        yield return ("film", full with { Conditioning = ConditioningKind.Film });
        yield return ("concat", full with { Conditioning = ConditioningKind.Concat });
        yield return ("mlp", full with { Conditioning = ConditioningKind.Mlp });
    }

    private static IEnumerable<(string Name, HeadKind Head, LogStdKind LogStd, PolicyShapes Shapes)> PolicyHeads()
    {
        yield return ("categorical", HeadKind.Categorical, LogStdKind.StateIndependent, TestShapes.Discrete);
        foreach (var head in new[] { HeadKind.Gaussian, HeadKind.TanhGaussian })
            foreach (var logStd in new[] { LogStdKind.StateIndependent, LogStdKind.StateDependent })
                yield return ($"{head}-{logStd}", head, logStd, TestShapes.Continuous);
    }

    private static IEnumerable<TestCaseData> PolicyCases() =>
        from placement in Enum.GetValues<Placement>()
        from conditioning in Conditionings()
        from head in PolicyHeads()
        from perRow in new[] { false, true }
        select new TestCaseData(placement, conditioning.Spec with { Head = head.Head, LogStd = head.LogStd }, head.Shapes, perRow)
            .SetArgDisplayNames(placement.ToString(), conditioning.Name, head.Name, perRow ? "per-row" : "shared");

    [TestCaseSource(nameof(PolicyCases))]
    public void ActorCriticRunsOnTheStrictDevice(Placement placement, PolicySpec spec, PolicyShapes shapes, bool perRow)
    {
        manual_seed(31);
        using var policy = ActorCritic.Create(spec, shapes);
        using var scope = NewDisposeScope();
        var (device, expected) = Place(placement, policy);
        using var strictDefault = placement == Placement.StrictDefaultDevice ? StrictDevice.AsDefault() : null;
        var obs = randn(Rows, shapes.ObservationSize, device: CPU).to(device);
        var desc = Descriptors(shapes, perRow, device);
        var continuous = shapes.ActionKind == ActionKind.Continuous;
        var actions = continuous ? zeros(Rows, shapes.ActionSize, device: device) : zeros(Rows, dtype: ScalarType.Int64, device: device);

        var evaluation = policy.Evaluate(obs, desc, actions);
        AssertOn(expected, [Rows], evaluation.LogProb, evaluation.Entropy, evaluation.Value);
        // The backward of clamp (state-dependent log-std) needs logical_and, which has no meta kernel: that backward
        // runs in the strict-default placement only.
        if (placement == Placement.StrictDefaultDevice || spec.LogStd == LogStdKind.StateIndependent || !continuous)
        {
            (evaluation.LogProb.mean() + evaluation.Entropy.mean() + evaluation.Value.square().mean()).backward();
            AssertGradientsOn(expected, policy);
        }

        using (no_grad())
        {
            for (var call = 0; call < 2; call++)
            {
                // multinomial has no meta kernel: categorical sampling runs on the CPU placement only.
                var output = policy.Act(obs, desc, deterministic: placement == Placement.ModuleOnStrictDevice && !continuous);
                AssertOn(expected, continuous ? [Rows, shapes.ActionSize] : [Rows], output.Action);
                AssertOn(expected, [Rows], output.LogProb, output.Value, policy.Value(obs, desc));
            }
        }
        if (policy.ActorNetwork is HyperConditionedNetwork hyper) AssertCacheUse(placement, hyper);
        CheckSnapshots(placement, policy.ActorNetwork, shapes, expected);
        if (placement == Placement.StrictDefaultDevice) ActOnSnapshots(policy, obs, desc);
    }

    private static IEnumerable<TestCaseData> QNetworkCases() =>
        from placement in Enum.GetValues<Placement>()
        from conditioning in Conditionings().Where(c => c.Name is not ("hyper-sharedtrunk" or "hyper-concatcritic"))
        from head in new[] { HeadKind.Q, HeadKind.Dueling }
        from perRow in new[] { false, true }
        select new TestCaseData(placement, conditioning.Spec with { Head = head }, perRow)
            .SetArgDisplayNames(placement.ToString(), conditioning.Name, head.ToString(), perRow ? "per-row" : "shared");

    [TestCaseSource(nameof(QNetworkCases))]
    public void QNetworkRunsOnTheStrictDevice(Placement placement, PolicySpec spec, bool perRow)
    {
        manual_seed(32);
        var shapes = TestShapes.Discrete;
        using var online = QNetwork.Create(spec, shapes);
        using var target = QNetwork.Create(spec, shapes);
        using var scope = NewDisposeScope();
        var (device, expected) = Place(placement, online, target);
        using var strictDefault = placement == Placement.StrictDefaultDevice ? StrictDevice.AsDefault() : null;
        var obs = randn(Rows, shapes.ObservationSize, device: CPU).to(device);
        var desc = Descriptors(shapes, perRow, device);

        var q = online.QValues(obs, desc);
        AssertOn(expected, [Rows, shapes.ActionSize], q);
        q.square().mean().backward();
        AssertGradientsOn(expected, online);

        target.CopyFrom(online);
        target.SoftUpdateFrom(online, tau: 0.5);
        using (no_grad())
            for (var call = 0; call < 2; call++)
                AssertOn(expected, [Rows, shapes.ActionSize], target.QValues(obs, desc), online.QValues(obs, desc));
        if (target.Network is HyperConditionedNetwork hyper) AssertCacheUse(placement, hyper);
        CheckSnapshots(placement, online.Network, shapes, expected);
        if (placement == Placement.StrictDefaultDevice)
        {
            var inference = new QNetworkInference(online);
            var values = new float[Rows * shapes.ActionSize];
            inference.QValues(HostValues.Copy(obs), HostRows(desc, shapes), Rows, values);
            Assert.That(values, Is.EqualTo(TestShapes.Values(online.QValues(obs, desc))).Within(1e-4f), "C# snapshot of the Q network");
        }
    }

    [Test]
    public void EveryMultiDescriptorPathRunsOnTheStrictDevice([Values] Placement placement)
    {
        foreach (var path in Enum.GetValues<HyperConditionedNetwork.MultiDescriptorPath>())
        {
            manual_seed(33);
            using var policy = ActorCritic.Create(TestShapes.Hyper(), TestShapes.Discrete);
            using var scope = NewDisposeScope();
            var network = (HyperConditionedNetwork)policy.ActorNetwork;
            network.Path = path;
            var (device, expected) = Place(placement, policy);
            using var strictDefault = placement == Placement.StrictDefaultDevice ? StrictDevice.AsDefault() : null;
            var obs = randn(Rows, 5, device: CPU).to(device);
            var outputs = network.ForwardEach(obs, Descriptors(TestShapes.Discrete, perRow: true, device));
            AssertOn(expected, [Rows, 3], outputs[0]);
            AssertOn(expected, [Rows, 1], outputs[1]);
            (outputs[0].sum() + outputs[1].sum()).backward();
            AssertGradientsOn(expected, policy);
        }
    }

    /// <summary>Moves the modules for the placement; returns where inputs go and where outputs must be.</summary>
    private static (Device Inputs, DeviceType Expected) Place(Placement placement, params nn.Module[] modules)
    {
        if (placement == Placement.StrictDefaultDevice) return (CPU, DeviceType.CPU);
        foreach (var module in modules) module.to(StrictDevice.Get());
        return (StrictDevice.Get(), DeviceType.META);
    }

    /// <summary>A shared descriptor [d], or [Rows, d] with three distinct descriptors, inside the declared ranges.</summary>
    private static Tensor Descriptors(PolicyShapes shapes, bool perRow, Device device)
    {
        var d = shapes.DescriptorSize;
        float Value(int descriptor, int k) => shapes.DescriptorLow[k] + (shapes.DescriptorHigh[k] - shapes.DescriptorLow[k]) * (descriptor + 1) / 4f;
        if (!perRow) return tensor(Enumerable.Range(0, d).Select(k => Value(0, k)).ToArray(), device: CPU).to(device);
        var values = DescriptorOfRow.SelectMany(descriptor => Enumerable.Range(0, d).Select(k => Value(descriptor, k))).ToArray();
        return tensor(values, [Rows, d], device: CPU).to(device);
    }

    private static float[] HostRows(Tensor descriptors, PolicyShapes shapes)
    {
        var values = HostValues.Copy(descriptors);
        return descriptors.dim() == 2 ? values : Enumerable.Range(0, Rows).SelectMany(_ => values).ToArray();
    }

    private static void AssertOn(DeviceType expected, long[] shape, params Tensor[] tensors)
    {
        foreach (var t in tensors)
        {
            Assert.That(t.device_type, Is.EqualTo(expected), StrictDevice.Explanation);
            Assert.That(t.shape, Is.EqualTo(shape));
        }
    }

    /// <summary>Every parameter got a gradient, of its shape, on the expected device: backward reached all of them.</summary>
    private static void AssertGradientsOn(DeviceType expected, nn.Module module)
    {
        foreach (var (name, parameter) in module.named_parameters())
        {
            Assert.That(parameter.grad, Is.Not.Null, $"{name} got no gradient");
            Assert.That(parameter.grad!.device_type, Is.EqualTo(expected), $"gradient of {name}; {StrictDevice.Explanation}");
            Assert.That(parameter.grad.shape, Is.EqualTo(parameter.shape), name);
        }
    }

    /// <summary>
    /// On the CPU the second no-grad call must have hit the cache (so the cache path ran); meta descriptors have no
    /// values to key by, so there nothing may have been cached.
    /// </summary>
    private static void AssertCacheUse(Placement placement, HyperConditionedNetwork network)
    {
        if (placement == Placement.StrictDefaultDevice) Assert.That(network.Cache.Hits, Is.GreaterThan(0), "no-grad forwards went through the cache");
        else Assert.That(network.Cache.Count, Is.Zero, "nothing cached for descriptors without values");
    }

    /// <summary>The tensor part of snapshot creation: the effective plain-MLP layers for one descriptor.</summary>
    private static void CheckSnapshots(Placement placement, ConditionedNetwork network, PolicyShapes shapes, DeviceType expected)
    {
        using var noGrad = no_grad();
        var device = placement == Placement.StrictDefaultDevice ? CPU : StrictDevice.Get();
        foreach (var layers in network.EffectiveLayersEach(Descriptors(shapes, perRow: false, device)))
            foreach (var layer in layers)
            {
                Assert.That(layer.Weight.device_type, Is.EqualTo(expected), "effective weight");
                Assert.That(layer.Bias.device_type, Is.EqualTo(expected), "effective bias");
            }
    }

    /// <summary>C# snapshots read real values: they run under the strict default (where a stray meta tensor would
    /// make the read throw) and agree with the torch forward.</summary>
    private static void ActOnSnapshots(ActorCritic policy, Tensor obs, Tensor desc)
    {
        var inference = new ActorCriticInference(policy);
        var values = new float[Rows];
        inference.Values(HostValues.Copy(obs), HostRows(desc, policy.Shapes), Rows, values);
        using var noGrad = no_grad();
        Assert.That(values, Is.EqualTo(TestShapes.Values(policy.Value(obs, desc))).Within(1e-4f), "C# snapshot of the critic");
    }
}
