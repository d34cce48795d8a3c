using HyperRL.HyperPolicy.Fused;

namespace HyperRL.HyperPolicy.Tests;

/// <summary>The fused path's matrix products equal a naive triple loop for every shape class: outputs narrower than
/// a vector, the AVX-512 two-row blocks with an odd row left over and columns past the last 64-wide block, strided
/// operands, accumulation.</summary>
public sealed class GemmTests
{
    [TestCase(1, 5, 1)]
    [TestCase(3, 7, 2)]
    [TestCase(37, 16, 20)]
    [TestCase(5, 9, 64)]
    [TestCase(7, 33, 130)]
    [TestCase(2, 16, 1000)]
    public void MatMulEqualsTheNaiveProduct(int m, int k, int n)
    {
        var random = new Random(m * 1000 + k * 10 + n);
        int lda = k + 3, ldb = n + 5, ldc = n + 2;
        var a = Values(random, m * lda);
        var b = Values(random, k * ldb);
        foreach (bool accumulate in new[] { false, true })
        {
            var c = Values(random, m * ldc);
            var expected = (float[])c.Clone();
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double sum = accumulate ? expected[i * ldc + j] : 0;
                    for (int p = 0; p < k; p++) sum += a[i * lda + p] * b[p * ldb + j];
                    expected[i * ldc + j] = (float)sum;
                }
            Gemm.MatMul(a, lda, b, ldb, c, ldc, m, k, n, accumulate);
            Assert.That(c, Is.EqualTo(expected).Within(1e-4f), $"accumulate {accumulate}");

            var d = Values(random, m * ldc);
            var expectedTransposed = (float[])d.Clone();
            var bRows = Values(random, n * (k + 1)); // B [n, k] with leading dimension k + 1
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double sum = accumulate ? expectedTransposed[i * ldc + j] : 0;
                    for (int p = 0; p < k; p++) sum += a[i * lda + p] * bRows[j * (k + 1) + p];
                    expectedTransposed[i * ldc + j] = (float)sum;
                }
            Gemm.MatMulTransposedB(a, lda, bRows, k + 1, d, ldc, m, k, n, accumulate);
            Assert.That(d, Is.EqualTo(expectedTransposed).Within(1e-4f), $"transposed B, accumulate {accumulate}");
        }
        // Padding between rows of C is never written.
        var padded = new float[m * ldc];
        Gemm.MatMul(a, lda, b, ldb, padded, ldc, m, k, n, accumulate: false);
        for (int i = 0; i < m; i++)
            for (int j = n; j < ldc && i * ldc + j < padded.Length; j++)
                Assert.That(padded[i * ldc + j], Is.Zero);
    }

    [Test]
    public void AnOperandTooSmallForItsShapeIsRefused() =>
        Assert.Throws<ArgumentException>(() => Gemm.MatMul(new float[10], 5, new float[25], 5, new float[10], 5, 3, 5, 5, accumulate: false));

    private static float[] Values(Random random, int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
}
