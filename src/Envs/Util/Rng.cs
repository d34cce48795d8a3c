namespace HyperRL.Envs.Util;

/// <summary>
/// A small, fast, seedable generator (xoshiro256** seeded by SplitMix64). Our own so episodes are reproducible
/// across .NET versions and platforms, which System.Random does not promise.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    public Rng(ulong seed) => Seed(seed);

    public void Seed(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
        _hasSpare = false;
    }

    /// <summary>The generator's whole state; <see cref="SetState"/> with it continues exactly this stream.</summary>
    public RngState GetState() => new(_s0, _s1, _s2, _s3, _hasSpare, _spareGaussian);

    public void SetState(RngState state)
    {
        // All-zero words would make xoshiro emit zeros forever: such a state never comes from a seeded generator.
        if ((state.S0 | state.S1 | state.S2 | state.S3) == 0) throw new ArgumentException("An Rng state cannot be all zeros.", nameof(state));
        (_s0, _s1, _s2, _s3) = (state.S0, state.S1, state.S2, state.S3);
        _hasSpare = state.HasSpareGaussian;
        _spareGaussian = state.SpareGaussian;
    }

    public void Save(BinaryWriter writer) => GetState().Write(writer);

    public void Load(BinaryReader reader) => SetState(RngState.Read(reader));

    /// <summary>Derives the seed of stream <paramref name="index"/> from a base seed (per-env seeds of a vector env).</summary>
    public static ulong Derive(ulong baseSeed, ulong index)
    {
        ulong x = baseSeed ^ (0x9E3779B97F4A7C15UL * (index + 1));
        return SplitMix64(ref x);
    }

    public ulong NextULong()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform integer in [0, n) without modulo bias (Lemire's method).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "Range must be positive.");
        ulong m = (ulong)(uint)NextULong() * (uint)n;
        uint low = (uint)m;
        if (low < (uint)n)
        {
            uint threshold = (uint)-n % (uint)n;
            while (low < threshold)
            {
                m = (ulong)(uint)NextULong() * (uint)n;
                low = (uint)m;
            }
        }
        return (int)(m >> 32);
    }

    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    public double NextExponential() => -Math.Log(1 - NextDouble());

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
