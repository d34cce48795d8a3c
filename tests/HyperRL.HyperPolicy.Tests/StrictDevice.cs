using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Tests;

/// <summary>
/// A device for checking, without a GPU, that code keeps every tensor on the device of its module: TorchSharp's
/// <c>meta</c> device (tensors with a shape and a dtype but no data), present in the CPU-only build.
/// <para>
/// Two ways to use it, because meta is strict only in part (measured with TorchSharp 0.107):
/// <list type="number">
/// <item>As the module's device (<c>module.to(StrictDevice.Get())</c>, inputs on it too): moving must work and every
/// elementwise op (add, mul, addcmul, lerp, clamp, losses...) throws on a CPU operand, as on CUDA ("Expected all
/// tensors to be on the same device"). But mm, addmm, bmm, cat, stack, gather and indexing accept CPU operands on
/// meta, and ops without a meta kernel (index_select, multinomial, where, allclose, torch.equal) cannot run there at
/// all; values cannot be read back (.item(), .cpu(), .bytes throw).</item>
/// <item>As the default device (<see cref="AsDefault"/>) with the module and its inputs on the CPU: every tensor
/// created without a device then lands on meta, and meta wins the dispatch of any op it enters, so such a tensor
/// turns whatever it touches into meta or makes the op throw. A stray tensor cannot hide in a lenient op: it shows
/// as a meta output or gradient. Values stay real, so code that reads them (descriptor grouping, caches, snapshots)
/// runs as it does on CUDA.</item>
/// </list>
/// Together they catch a module that does not follow <c>.to()</c> and any tensor a forward or backward creates
/// without the device of the tensors it meets. Meta cannot run code that needs values on its own tensors.
/// </para>
/// </summary>
internal static class StrictDevice
{
    /// <summary>One line for assertion messages and reports.</summary>
    public const string Explanation =
        "meta (shapes, no data): CPU-only TorchSharp's one non-CPU device; it refuses CPU operands in elementwise ops, " +
        "and as the default device it marks every tensor created without a device";

    public static Device Get() => new(DeviceType.META);

    /// <summary>
    /// Makes the strict device the default one until disposed (then the previous default again). Build modules before:
    /// their construction-time tensors would land on meta too. Under it, randperm(n) without a device aborts the test
    /// process (a native crash in TorchSharp 0.107, not an exception): pass the device.
    /// </summary>
    public static IDisposable AsDefault() => new DefaultDeviceScope();

    private sealed class DefaultDeviceScope : IDisposable
    {
        private readonly Device previous = get_default_device();
        private bool disposed;

        public DefaultDeviceScope() => set_default_device(Get());

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            set_default_device(previous);
        }
    }
}
