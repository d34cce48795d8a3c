namespace HyperRL.Envs.Util;

/// <summary>Everything an <see cref="Rng"/> holds: the four xoshiro256** words and the Gaussian spare, so a restored
/// generator continues the same stream (resume of training).</summary>
public readonly record struct RngState(ulong S0, ulong S1, ulong S2, ulong S3, bool HasSpareGaussian, double SpareGaussian)
{
    public void Write(BinaryWriter writer)
    {
        writer.Write(S0);
        writer.Write(S1);
        writer.Write(S2);
        writer.Write(S3);
        writer.Write(HasSpareGaussian);
        writer.Write(SpareGaussian);
    }

    public static RngState Read(BinaryReader reader) =>
        new(reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadBoolean(), reader.ReadDouble());
}
