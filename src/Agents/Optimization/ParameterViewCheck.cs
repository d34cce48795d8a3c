using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.Agents.Optimization;

/// <summary>
/// Checks that every parameter still is the view of <see cref="FlatAdam"/>'s flat buffer it became at construction.
/// Moving the module with .to() gives it new parameters and disposes the old ones, and set_ re-points a parameter's
/// storage: either way the optimizer would keep updating memory the module no longer reads, without any error. This
/// runs every step, so it compares storage addresses and offsets (a few native calls per parameter), never values.
/// </summary>
internal sealed class ParameterViewCheck
{
    private readonly Tensor[] parameters;
    private readonly long[] offsets;
    private readonly string[] shapes; // kept as text: a disposed parameter has no shape left to print
    private readonly Tensor flat;
    private readonly bool onCpu;
    private readonly IntPtr storageAddress; // off the CPU (where the address may be null, as on meta) with the size
    private readonly ulong storageBytes;

    public ParameterViewCheck(Tensor[] parameters, long[] offsets, Tensor flat)
    {
        (this.parameters, this.offsets, this.flat) = (parameters, offsets, flat);
        shapes = parameters.Select(p => $"[{string.Join(", ", p.shape)}]").ToArray();
        onCpu = flat.device_type == DeviceType.CPU;
        if (onCpu) return;
        using var scope = NewDisposeScope();
        (storageAddress, storageBytes) = Storage(flat);
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first parameter that is no longer a view of the buffer.</summary>
    public void ThrowIfDetached()
    {
        if (onCpu)
        {
            ref var start = ref MemoryMarshal.GetReference(flat.bytes);
            for (int i = 0; i < parameters.Length; i++)
                if (!ViewsOnCpu(i, ref start)) throw Detached(i);
            return;
        }
        using var scope = NewDisposeScope(); // storage<T>() makes a tensor handle per call
        for (int i = 0; i < parameters.Length; i++)
            if (!ViewsOffCpu(i)) throw Detached(i);
    }

    /// <summary>The cheap part of the check (no native call), for code that must touch the parameter before <see cref="ThrowIfDetached"/> runs.</summary>
    public void ThrowIfDisposed(int index)
    {
        if (parameters[index].IsInvalid) throw Detached(index);
    }

    private bool ViewsOnCpu(int i, ref byte flatStart)
    {
        var p = parameters[i];
        // A disposed parameter: .to() replaced it. Then the view must start at its own offset of this very buffer.
        return !p.IsInvalid && p.storage_offset() == offsets[i] && p.device_type == DeviceType.CPU && p.is_contiguous()
            && Unsafe.AreSame(ref MemoryMarshal.GetReference(p.bytes), ref Unsafe.Add(ref flatStart, checked((int)(offsets[i] * sizeof(float)))));
    }

    private bool ViewsOffCpu(int i)
    {
        var p = parameters[i];
        if (p.IsInvalid || p.storage_offset() != offsets[i] || p.device_type != flat.device_type) return false;
        var (address, bytes) = Storage(p);
        return address == storageAddress && bytes == storageBytes;
    }

    private static (IntPtr Address, ulong Bytes) Storage(Tensor t)
    {
        using var storage = t.storage<float>();
        return (storage.data_ptr(), storage.nbytes());
    }

    private InvalidOperationException Detached(int i) => new(
        $"parameter {i} {shapes[i]} no longer views FlatAdam's buffer (moved with .to() or replaced after the optimizer was built?); " +
        "build the optimizer after moving the module");
}
