using System.Buffers.Binary;
using System.Numerics;

namespace HyperRL.Agents.Runs.TensorBoard;

/// <summary>
/// The checksum of TFRecord framing: CRC-32C (Castagnoli), then "masked" (rotated right by 15 bits plus a constant)
/// because a CRC of data that itself holds CRCs is weak.
/// </summary>
internal static class MaskedCrc32C
{
    private const uint MaskDelta = 0xa282ead8u;

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        return Mask(Crc32C(data));
    }

    /// <summary>Plain CRC-32C; <see cref="BitOperations.Crc32C(uint, byte)"/> is the raw update step (hardware where
    /// the CPU has it), so the standard initial value and final inversion are applied here.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = uint.MaxValue;
        int k = 0;
        for (; k + 8 <= data.Length; k += 8) crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data[k..]));
        for (; k < data.Length; k++) crc = BitOperations.Crc32C(crc, data[k]);
        return ~crc;
    }

    private static uint Mask(uint crc) => ((crc >> 15) | (crc << 17)) + MaskDelta;
}
