using HyperRL.Envs.Util;

namespace HyperRL.Agents.Training;

/// <summary>
/// A <see cref="Random"/> drawing from an <see cref="Rng"/>, for the policy samplers that take a Random: System.Random
/// exposes no state, and a checkpoint must hold every generator's state so a resumed run continues the same draws.
/// </summary>
public sealed class RngRandom : Random
{
    public RngRandom(ulong seed) => Source = new Rng(seed);

    /// <summary>The generator behind every draw (its state is what a checkpoint saves).</summary>
    public Rng Source { get; }

    public override double NextDouble() => Source.NextDouble();

    protected override double Sample() => Source.NextDouble();

    public override float NextSingle() => (float)(Source.NextULong() >> 40) * (1f / (1 << 24));

    public override int Next() => (int)(Source.NextULong() >> 33);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue == 0 ? 0 : Source.NextInt(maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        long range = (long)maxValue - minValue;
        return range == 0 ? minValue : (int)(minValue + (long)(Source.NextDouble() * range));
    }

    public override long NextInt64() => (long)(Source.NextULong() >> 1);

    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)(Source.NextULong() >> 56);
    }

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());
}
