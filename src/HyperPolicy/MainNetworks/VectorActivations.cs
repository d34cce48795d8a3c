using System.Numerics;

namespace HyperRL.HyperPolicy.MainNetworks;

/// <summary>
/// SIMD activations on C# arrays, and their derivatives, for the paths that run without tensors (acting snapshots,
/// the fused training path). The scalar MathF.Tanh alone (~10 ns a call) was most of a rollout step.
/// </summary>
internal static class VectorActivations
{
    /// <summary>y = f(y) in place.</summary>
    public static void Apply(ActivationKind kind, Span<float> y)
    {
        var width = Vector<float>.Count;
        var k = 0;
        if (Vector.IsHardwareAccelerated)
            for (; k <= y.Length - width; k += width)
                Apply(kind, new Vector<float>(y[k..])).CopyTo(y[k..]);
        for (; k < y.Length; k++) y[k] = Apply(kind, y[k]);
    }

    /// <summary>Whether <see cref="Backward"/> needs the pre-activation (SiLU) besides the output.</summary>
    public static bool NeedsInput(ActivationKind kind) => kind == ActivationKind.Silu;

    /// <summary>gradient *= f'(x), from the output y = f(x) (and x itself where f' needs it: <see cref="NeedsInput"/>).</summary>
    public static void Backward(ActivationKind kind, Span<float> gradient, ReadOnlySpan<float> output, ReadOnlySpan<float> input)
    {
        var width = Vector<float>.Count;
        var k = 0;
        if (Vector.IsHardwareAccelerated)
            for (; k <= gradient.Length - width; k += width)
            {
                var y = new Vector<float>(output[k..]);
                var x = kind == ActivationKind.Silu ? new Vector<float>(input[k..]) : default;
                (new Vector<float>(gradient[k..]) * Derivative(kind, x, y)).CopyTo(gradient[k..]);
            }
        for (; k < gradient.Length; k++) gradient[k] *= Derivative(kind, kind == ActivationKind.Silu ? input[k] : 0f, output[k]);
    }

    private static Vector<float> Apply(ActivationKind kind, Vector<float> x) => kind switch
    {
        // tanh x = 1 - 2 / (exp(2x) + 1): exact at both saturations (exp -> 0 or inf), absolute error ~1e-7 near 0.
        ActivationKind.Tanh => Vector<float>.One - new Vector<float>(2f) / (Vector.Exp(x + x) + Vector<float>.One),
        ActivationKind.Relu => Vector.Max(x, Vector<float>.Zero),
        ActivationKind.Elu => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x, Vector.Exp(x) - Vector<float>.One),
        ActivationKind.Silu => x / (Vector<float>.One + Vector.Exp(-x)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static float Apply(ActivationKind kind, float x) => kind switch
    {
        ActivationKind.Tanh => MathF.Tanh(x),
        ActivationKind.Relu => MathF.Max(x, 0f),
        ActivationKind.Elu => x > 0 ? x : MathF.Exp(x) - 1f,
        ActivationKind.Silu => x / (1f + MathF.Exp(-x)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static Vector<float> Derivative(ActivationKind kind, Vector<float> x, Vector<float> y)
    {
        switch (kind)
        {
            case ActivationKind.Tanh: return Vector<float>.One - y * y;
            // relu and elu: torch takes the derivative at 0 from the right-closed side (x > 0), as here.
            case ActivationKind.Relu: return Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);
            case ActivationKind.Elu: return Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<float>.Zero), Vector<float>.One, y + Vector<float>.One);
            case ActivationKind.Silu:
                var s = Vector<float>.One / (Vector<float>.One + Vector.Exp(-x));
                return s * (Vector<float>.One + x * (Vector<float>.One - s));
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static float Derivative(ActivationKind kind, float x, float y)
    {
        switch (kind)
        {
            case ActivationKind.Tanh: return 1f - y * y;
            case ActivationKind.Relu: return y > 0 ? 1f : 0f;
            case ActivationKind.Elu: return y > 0 ? 1f : y + 1f;
            case ActivationKind.Silu:
                var s = 1f / (1f + MathF.Exp(-x));
                return s * (1f + x * (1f - s));
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
