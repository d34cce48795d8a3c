using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HyperRL.Agents.Optimization;

/// <summary>
/// Clipped Adam as two SIMD passes over flat CPU arrays: the gradient's squared norm, then one pass that scales the
/// gradient, updates both moments and the parameters, and zeroes the gradient for the next backward. The same
/// update through tensor ops walks the arrays about ten times and allocates a temporary the size of the model;
/// for a hypernetwork's ~300k parameters that was half of a PPO gradient step.
/// Moments below <see cref="Tiny"/> in magnitude are stored as zero. A parameter whose gradient stays zero (a dead
/// ReLU unit's) has its first moment shrink by beta1 each step into the subnormal range, where every multiply takes
/// a microcode assist on x86 (about 100x): measured on DQN CartPole, the step then cost more than the network's forward
/// and backward together. torch keeps the subnormals; the difference it makes to an update is below
/// stepSize * 1e-30 / epsilon (about 1e-22 of the learning rate).
/// </summary>
internal static class FusedAdamKernel
{
    /// <summary>Moments smaller than this in magnitude are flushed to zero (far above the subnormals, below 1.2e-38).</summary>
    public const float Tiny = 1e-30f;

    public static double SquaredNorm(ReadOnlySpan<float> gradient)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        var sum0 = Vector<float>.Zero;
        var sum1 = Vector<float>.Zero;
        int i = 0;
        for (; i + 1 < vectors.Length; i += 2)
        {
            sum0 += vectors[i] * vectors[i];
            sum1 += vectors[i + 1] * vectors[i + 1];
        }
        if (i < vectors.Length) sum0 += vectors[i] * vectors[i];
        double total = Vector.Dot(sum0 + sum1, Vector<float>.One);
        for (int k = vectors.Length * Vector<float>.Count; k < gradient.Length; k++) total += gradient[k] * gradient[k];
        return total;
    }

    /// <summary>
    /// g = gradientScale * grad; m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g^2;
    /// p -= stepSize * m / (sqrt(v) + epsilonHat); grad = 0.
    /// </summary>
    public static void Step(Span<float> parameters, Span<float> gradient, Span<float> firstMoment, Span<float> secondMoment,
        float gradientScale, float beta1, float beta2, float stepSize, float epsilonHat)
    {
        int length = parameters.Length;
        if (gradient.Length != length || firstMoment.Length != length || secondMoment.Length != length)
            throw new ArgumentException("Adam's flat arrays differ in length.");
        int done = Vector512.IsHardwareAccelerated ? Step512(parameters, gradient, firstMoment, secondMoment, gradientScale, beta1, beta2, stepSize, epsilonHat) : 0;
        parameters = parameters[done..];
        gradient = gradient[done..];
        firstMoment = firstMoment[done..];
        secondMoment = secondMoment[done..];
        length -= done;
        var p = MemoryMarshal.Cast<float, Vector<float>>(parameters);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        var m = MemoryMarshal.Cast<float, Vector<float>>(firstMoment);
        var v = MemoryMarshal.Cast<float, Vector<float>>(secondMoment);
        var scale = new Vector<float>(gradientScale);
        var b1 = new Vector<float>(beta1);
        var oneMinusB1 = new Vector<float>(1 - beta1);
        var b2 = new Vector<float>(beta2);
        var oneMinusB2 = new Vector<float>(1 - beta2);
        var step = new Vector<float>(stepSize);
        var eps = new Vector<float>(epsilonHat);
        var tiny = new Vector<float>(Tiny);
        for (int i = 0; i < p.Length; i++)
        {
            var gi = g[i] * scale;
            var mi = m[i] * b1 + gi * oneMinusB1;
            var vi = v[i] * b2 + gi * gi * oneMinusB2;
            mi = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(Vector.Abs(mi), tiny), mi, Vector<float>.Zero);
            vi = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(vi, tiny), vi, Vector<float>.Zero);
            m[i] = mi;
            v[i] = vi;
            p[i] -= step * mi / (Vector.SquareRoot(vi) + eps);
            g[i] = Vector<float>.Zero;
        }
        for (int k = p.Length * Vector<float>.Count; k < length; k++)
        {
            float gk = gradient[k] * gradientScale;
            firstMoment[k] = Flush(firstMoment[k] * beta1 + gk * (1 - beta1));
            secondMoment[k] = Flush(secondMoment[k] * beta2 + gk * gk * (1 - beta2));
            parameters[k] -= stepSize * firstMoment[k] / (MathF.Sqrt(secondMoment[k]) + epsilonHat);
            gradient[k] = 0f;
        }
    }

    private static float Flush(float moment) => MathF.Abs(moment) >= Tiny ? moment : 0f;

    /// <summary>The same update over the leading multiple of 16 values with AVX-512; returns how many it did.</summary>
    private static int Step512(Span<float> parameters, Span<float> gradient, Span<float> firstMoment, Span<float> secondMoment,
        float gradientScale, float beta1, float beta2, float stepSize, float epsilonHat)
    {
        int count = parameters.Length / 16 * 16;
        var scale = Vector512.Create(gradientScale);
        var b1 = Vector512.Create(beta1);
        var oneMinusB1 = Vector512.Create(1 - beta1);
        var b2 = Vector512.Create(beta2);
        var oneMinusB2 = Vector512.Create(1 - beta2);
        var step = Vector512.Create(stepSize);
        var eps = Vector512.Create(epsilonHat);
        var tiny = Vector512.Create(Tiny);
        ref float p = ref MemoryMarshal.GetReference(parameters);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        ref float m = ref MemoryMarshal.GetReference(firstMoment);
        ref float v = ref MemoryMarshal.GetReference(secondMoment);
        for (int i = 0; i < count; i += 16)
        {
            var gi = Vector512.LoadUnsafe(ref g, (nuint)i) * scale;
            var mi = Vector512.LoadUnsafe(ref m, (nuint)i) * b1 + gi * oneMinusB1;
            var vi = Vector512.LoadUnsafe(ref v, (nuint)i) * b2 + gi * gi * oneMinusB2;
            mi = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(Vector512.Abs(mi), tiny), mi, Vector512<float>.Zero);
            vi = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(vi, tiny), vi, Vector512<float>.Zero);
            mi.StoreUnsafe(ref m, (nuint)i);
            vi.StoreUnsafe(ref v, (nuint)i);
            (Vector512.LoadUnsafe(ref p, (nuint)i) - step * mi / (Vector512.Sqrt(vi) + eps)).StoreUnsafe(ref p, (nuint)i);
            Vector512<float>.Zero.StoreUnsafe(ref g, (nuint)i);
        }
        return count;
    }
}
