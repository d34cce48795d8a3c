using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HyperRL.HyperPolicy.Fused;

/// <summary>
/// Row-major single-precision matrix products for the fused training path, sized for small RL networks (a few
/// hundred rows, widths up to a few hundred): each row of C is held in SIMD registers four vectors at a time while
/// the shared dimension streams through, so B is read from L1 and C is written once. Leading dimensions (ld*) let
/// the operands be column slices of wider matrices (an actor's and a critic's halves of a fused first layer).
/// </summary>
internal static class Gemm
{
    private static int Width => Vector<float>.Count;

    /// <summary>C[m, n] = (accumulate ? C : 0) + A[m, k] B[k, n].</summary>
    public static void MatMul(ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc,
        int m, int k, int n, bool accumulate)
    {
        if (m == 0 || n == 0) return;
        CheckExtent(a.Length, m, k, lda, "A");
        CheckExtent(b.Length, k, n, ldb, "B");
        CheckExtent(c.Length, m, n, ldc, "C");
        if (n < Width)
        {
            MatMulNarrow(a, lda, b, ldb, c, ldc, m, k, n, accumulate);
            return;
        }
        ref float a0 = ref MemoryMarshal.GetReference(a);
        ref float b0 = ref MemoryMarshal.GetReference(b);
        ref float c0 = ref MemoryMarshal.GetReference(c);
        int w = Width;
        int wide = Vector512.IsHardwareAccelerated ? n / 64 * 64 : 0;
        int i = 0;
        if (wide > 0)
            for (; i + 2 <= m; i += 2) MatMul512TwoRows(ref Unsafe.Add(ref a0, i * lda), lda, ref b0, ldb, ref Unsafe.Add(ref c0, i * ldc), ldc, k, wide, accumulate);
        int paired = i; // rows whose first `wide` columns are done
        for (i = 0; i < m; i++)
        {
            ref float aRow = ref Unsafe.Add(ref a0, i * lda);
            ref float cRow = ref Unsafe.Add(ref c0, i * ldc);
            int j = i < paired ? wide : 0;
            if (j == n) continue;
            for (; j + 4 * w <= n; j += 4 * w)
            {
                Vector<float> s0, s1, s2, s3;
                if (accumulate)
                {
                    s0 = Load(ref cRow, j); s1 = Load(ref cRow, j + w); s2 = Load(ref cRow, j + 2 * w); s3 = Load(ref cRow, j + 3 * w);
                }
                else s0 = s1 = s2 = s3 = Vector<float>.Zero;
                for (int p = 0; p < k; p++)
                {
                    var x = new Vector<float>(Unsafe.Add(ref aRow, p));
                    ref float bRow = ref Unsafe.Add(ref b0, p * ldb + j);
                    s0 = Vector.FusedMultiplyAdd(x, Load(ref bRow, 0), s0);
                    s1 = Vector.FusedMultiplyAdd(x, Load(ref bRow, w), s1);
                    s2 = Vector.FusedMultiplyAdd(x, Load(ref bRow, 2 * w), s2);
                    s3 = Vector.FusedMultiplyAdd(x, Load(ref bRow, 3 * w), s3);
                }
                Store(s0, ref cRow, j); Store(s1, ref cRow, j + w); Store(s2, ref cRow, j + 2 * w); Store(s3, ref cRow, j + 3 * w);
            }
            for (; j + w <= n; j += w)
            {
                var s = accumulate ? Load(ref cRow, j) : Vector<float>.Zero;
                for (int p = 0; p < k; p++)
                    s = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref aRow, p)), Load(ref b0, p * ldb + j), s);
                Store(s, ref cRow, j);
            }
            for (; j < n; j++)
            {
                float s = accumulate ? Unsafe.Add(ref cRow, j) : 0f;
                for (int p = 0; p < k; p++) s += Unsafe.Add(ref aRow, p) * Unsafe.Add(ref b0, p * ldb + j);
                Unsafe.Add(ref cRow, j) = s;
            }
        }
    }

    /// <summary>
    /// Columns [0, wide) (a multiple of 64) of two rows of C with AVX-512: eight accumulators, every load of B feeds two
    /// FMAs. The columns past <paramref name="wide"/> are left to the general loop.
    /// </summary>
    private static void MatMul512TwoRows(ref float aRow0, int lda, ref float b0, int ldb, ref float cRow0, int ldc, int k, int wide, bool accumulate)
    {
        ref float aRow1 = ref Unsafe.Add(ref aRow0, lda);
        ref float cRow1 = ref Unsafe.Add(ref cRow0, ldc);
        for (int j = 0; j < wide; j += 64)
        {
            Vector512<float> s00, s01, s02, s03, s10, s11, s12, s13;
            if (accumulate)
            {
                s00 = Load512(ref cRow0, j); s01 = Load512(ref cRow0, j + 16); s02 = Load512(ref cRow0, j + 32); s03 = Load512(ref cRow0, j + 48);
                s10 = Load512(ref cRow1, j); s11 = Load512(ref cRow1, j + 16); s12 = Load512(ref cRow1, j + 32); s13 = Load512(ref cRow1, j + 48);
            }
            else s00 = s01 = s02 = s03 = s10 = s11 = s12 = s13 = Vector512<float>.Zero;
            for (int p = 0; p < k; p++)
            {
                var x0 = Vector512.Create(Unsafe.Add(ref aRow0, p));
                var x1 = Vector512.Create(Unsafe.Add(ref aRow1, p));
                ref float bRow = ref Unsafe.Add(ref b0, p * ldb + j);
                var b0v = Load512(ref bRow, 0);
                var b1v = Load512(ref bRow, 16);
                var b2v = Load512(ref bRow, 32);
                var b3v = Load512(ref bRow, 48);
                s00 = Vector512.FusedMultiplyAdd(x0, b0v, s00); s10 = Vector512.FusedMultiplyAdd(x1, b0v, s10);
                s01 = Vector512.FusedMultiplyAdd(x0, b1v, s01); s11 = Vector512.FusedMultiplyAdd(x1, b1v, s11);
                s02 = Vector512.FusedMultiplyAdd(x0, b2v, s02); s12 = Vector512.FusedMultiplyAdd(x1, b2v, s12);
                s03 = Vector512.FusedMultiplyAdd(x0, b3v, s03); s13 = Vector512.FusedMultiplyAdd(x1, b3v, s13);
            }
            Store512(s00, ref cRow0, j); Store512(s01, ref cRow0, j + 16); Store512(s02, ref cRow0, j + 32); Store512(s03, ref cRow0, j + 48);
            Store512(s10, ref cRow1, j); Store512(s11, ref cRow1, j + 16); Store512(s12, ref cRow1, j + 32); Store512(s13, ref cRow1, j + 48);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Load512(ref float row, int offset) => Vector512.LoadUnsafe(ref row, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(Vector512<float> value, ref float row, int offset) => value.StoreUnsafe(ref row, (nuint)offset);

    /// <summary>C[m, n] = (accumulate ? C : 0) + A[m, k] B[n, k]^T: every entry a dot product of two contiguous rows.
    /// For a long shared dimension (the gradient of a hypernetwork's embedding through its output layer).</summary>
    public static void MatMulTransposedB(ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc,
        int m, int k, int n, bool accumulate)
    {
        CheckExtent(a.Length, m, k, lda, "A");
        CheckExtent(b.Length, n, k, ldb, "B");
        CheckExtent(c.Length, m, n, ldc, "C");
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float dot = Dot(a.Slice(i * lda, k), b.Slice(j * ldb, k));
                c[i * ldc + j] = accumulate ? c[i * ldc + j] + dot : dot;
            }
    }

    /// <summary>T[n, m] = X[m, n]^T (T contiguous, leading dimension m).</summary>
    public static void Transpose(ReadOnlySpan<float> x, int ldx, int m, int n, Span<float> t)
    {
        CheckExtent(x.Length, m, n, ldx, "X");
        if (t.Length < m * n) throw new ArgumentException("transpose target too small");
        const int block = 16;
        for (int i0 = 0; i0 < m; i0 += block)
            for (int j0 = 0; j0 < n; j0 += block)
            {
                int iEnd = Math.Min(m, i0 + block), jEnd = Math.Min(n, j0 + block);
                for (int i = i0; i < iEnd; i++)
                    for (int j = j0; j < jEnd; j++)
                        t[j * m + i] = x[i * ldx + j];
            }
    }

    /// <summary>sums[j] += sum_i X[i, j] (a bias's gradient).</summary>
    public static void AddColumnSums(ReadOnlySpan<float> x, int ldx, int m, int n, Span<float> sums)
    {
        for (int i = 0; i < m; i++) Add(x.Slice(i * ldx, n), sums[..n]);
    }

    /// <summary>Every row of C[m, n] = bias (before an accumulating product).</summary>
    public static void BroadcastRows(ReadOnlySpan<float> bias, Span<float> c, int ldc, int m, int n)
    {
        for (int i = 0; i < m; i++) bias[..n].CopyTo(c.Slice(i * ldc, n));
    }

    /// <summary>y += x.</summary>
    public static void Add(ReadOnlySpan<float> x, Span<float> y)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
            for (; k + Width <= x.Length; k += Width) (new Vector<float>(y[k..]) + new Vector<float>(x[k..])).CopyTo(y[k..]);
        for (; k < x.Length; k++) y[k] += x[k];
    }

    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        int k = 0;
        var s0 = Vector<float>.Zero;
        var s1 = Vector<float>.Zero;
        for (; k + 2 * Width <= x.Length; k += 2 * Width)
        {
            s0 = Vector.FusedMultiplyAdd(new Vector<float>(x[k..]), new Vector<float>(y[k..]), s0);
            s1 = Vector.FusedMultiplyAdd(new Vector<float>(x[(k + Width)..]), new Vector<float>(y[(k + Width)..]), s1);
        }
        for (; k + Width <= x.Length; k += Width) s0 = Vector.FusedMultiplyAdd(new Vector<float>(x[k..]), new Vector<float>(y[k..]), s0);
        float s = Vector.Sum(s0 + s1);
        for (; k < x.Length; k++) s += x[k] * y[k];
        return s;
    }

    /// <summary>Outputs narrower than a vector (policy logits, a value): columns of B gathered once, then dot products.</summary>
    private static void MatMulNarrow(ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc,
        int m, int k, int n, bool accumulate)
    {
        Span<float> column = k <= 1024 ? stackalloc float[k] : new float[k];
        for (int j = 0; j < n; j++)
        {
            for (int p = 0; p < k; p++) column[p] = b[p * ldb + j];
            for (int i = 0; i < m; i++)
            {
                float dot = Dot(a.Slice(i * lda, k), column);
                c[i * ldc + j] = accumulate ? c[i * ldc + j] + dot : dot;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load(ref float row, int offset) => Unsafe.ReadUnaligned<Vector<float>>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref row, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector<float> value, ref float row, int offset) =>
        Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref row, offset)), value);

    private static void CheckExtent(int length, int rows, int columns, int leading, string name)
    {
        if (rows == 0 || columns == 0) return;
        if (leading < columns || (long)(rows - 1) * leading + columns > length)
            throw new ArgumentException($"matrix {name} [{rows}, {columns}] (leading dimension {leading}) exceeds its {length} values");
    }
}
