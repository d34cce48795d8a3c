using System.Globalization;
using HyperRL.Envs.Util;

namespace HyperRL.Envs.Spaces;

/// <summary>A box [Low, High] of float32 values with the given shape (Gymnasium's <c>Box</c>).</summary>
public sealed record Box : Space
{
    private readonly float[] _low;
    private readonly float[] _high;
    private readonly int[] _shape;

    public Box(float[] low, float[] high, int[]? shape = null)
    {
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(high);
        if (low.Length != high.Length)
            throw new ArgumentException($"Box bounds differ in length: low has {low.Length}, high has {high.Length}.");
        for (int i = 0; i < low.Length; i++)
        {
            if (float.IsNaN(low[i]) || float.IsNaN(high[i]) || low[i] > high[i])
                throw new ArgumentException($"Box bound {i} is invalid: low {low[i]}, high {high[i]}.");
        }
        _shape = shape ?? new[] { low.Length };
        int size = 1;
        foreach (int d in _shape) size *= d;
        if (size != low.Length)
            throw new ArgumentException($"Box shape [{string.Join(", ", _shape)}] holds {size} values but bounds have {low.Length}.");
        _low = (float[])low.Clone();
        _high = (float[])high.Clone();
    }

    /// <summary>A box whose every element has the same bounds.</summary>
    public static Box Uniform(float low, float high, int size) =>
        new(Enumerable.Repeat(low, size).ToArray(), Enumerable.Repeat(high, size).ToArray());

    public ReadOnlySpan<float> Low => _low;
    public ReadOnlySpan<float> High => _high;
    public IReadOnlyList<int> Shape => _shape;
    public int Size => _low.Length;
    public override int FlatSize => Size;

    public bool Contains(ReadOnlySpan<float> value)
    {
        if (value.Length != Size) return false;
        for (int i = 0; i < value.Length; i++)
        {
            if (!(value[i] >= _low[i] && value[i] <= _high[i])) return false;
        }
        return true;
    }

    /// <summary>
    /// Writes <paramref name="action"/> clamped into [Low, High] to <paramref name="destination"/> (the two may be the
    /// same span). Non-finite values are copied unchanged: an env rejects them, whereas clamping would silently turn
    /// an infinity from a diverged policy into a bound.
    /// </summary>
    public void Clip(ReadOnlySpan<float> action, Span<float> destination)
    {
        if (action.Length != Size || destination.Length != Size)
            throw new ArgumentException($"Clip into {this}: action has {action.Length} values and destination {destination.Length}, both need {Size}.");
        for (int i = 0; i < action.Length; i++)
        {
            float value = action[i];
            destination[i] = float.IsFinite(value) ? Math.Clamp(value, _low[i], _high[i]) : value;
        }
    }

    /// <summary>Uniform within finite bounds; unbounded sides fall back to a standard normal (as Gymnasium does).</summary>
    public float[] Sample(Rng rng)
    {
        var sample = new float[Size];
        for (int i = 0; i < Size; i++)
        {
            bool lowFinite = float.IsFinite(_low[i]);
            bool highFinite = float.IsFinite(_high[i]);
            sample[i] = (lowFinite, highFinite) switch
            {
                (true, true) => (float)(_low[i] + (_high[i] - (double)_low[i]) * rng.NextDouble()),
                (true, false) => _low[i] + (float)rng.NextExponential(),
                (false, true) => _high[i] - (float)rng.NextExponential(),
                _ => (float)rng.NextGaussian(),
            };
        }
        return sample;
    }

    public bool Equals(Box? other) =>
        other is not null && _low.AsSpan().SequenceEqual(other._low) && _high.AsSpan().SequenceEqual(other._high)
        && _shape.AsSpan().SequenceEqual(other._shape);

    public override int GetHashCode() => HashCode.Combine(Size, _shape.Length);

    public override string ToString() =>
        $"Box([{string.Join(", ", _low.Select(Bound))}], [{string.Join(", ", _high.Select(Bound))}])";

    /// <summary>A bound, inf for an unbounded side: Gymnasium marks some of those with float32's largest value instead of
    /// infinity (CartPole's velocities, which its docs list as Inf), and 3.403E+38 reads as a bound, not as none.</summary>
    private static string Bound(float value) => value switch
    {
        >= float.MaxValue => "inf",
        <= -float.MaxValue => "-inf",
        _ => value.ToString("G4", CultureInfo.InvariantCulture),
    };
}
