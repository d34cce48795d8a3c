namespace HyperRL.Envs.Util;

/// <summary>Saveable state of a <see cref="RunningMeanStd"/>.</summary>
public sealed record RunningMeanStdState(double[] Mean, double[] Var, double Count);

/// <summary>
/// Running mean and variance of vectors, merged batch by batch with Chan et al.'s parallel algorithm (as
/// Gymnasium's and Stable-Baselines3's <c>RunningMeanStd</c>, including the initial count of 1e-4).
/// </summary>
public sealed class RunningMeanStd
{
    private readonly double[] _mean;
    private readonly double[] _var;
    private readonly double[] _batchMean;
    private readonly double[] _batchVar;

    public RunningMeanStd(int size)
    {
        _mean = new double[size];
        _var = Enumerable.Repeat(1.0, size).ToArray();
        _batchMean = new double[size];
        _batchVar = new double[size];
        Count = 1e-4;
    }

    public int Size => _mean.Length;
    public double Count { get; private set; }
    public ReadOnlySpan<double> Mean => _mean;
    public ReadOnlySpan<double> Var => _var;

    /// <summary>Merges <paramref name="rows"/> rows of <see cref="Size"/> values each.</summary>
    public void Update(ReadOnlySpan<float> batch, int rows)
    {
        if (rows <= 0) return;
        if (batch.Length < rows * Size) throw new ArgumentException($"Batch has {batch.Length} values, needs {rows}x{Size}.");
        Array.Clear(_batchMean);
        Array.Clear(_batchVar);
        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < Size; k++) _batchMean[k] += batch[r * Size + k];
        }
        for (int k = 0; k < Size; k++) _batchMean[k] /= rows;
        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < Size; k++)
            {
                double d = batch[r * Size + k] - _batchMean[k];
                _batchVar[k] += d * d;
            }
        }
        for (int k = 0; k < Size; k++) _batchVar[k] /= rows;
        Merge(_batchMean, _batchVar, rows);
    }

    public void Update(double value)
    {
        if (Size != 1) throw new InvalidOperationException("Scalar update on a vector RunningMeanStd.");
        _batchMean[0] = value;
        _batchVar[0] = 0;
        Merge(_batchMean, _batchVar, 1);
    }

    public RunningMeanStdState Save() => new((double[])_mean.Clone(), (double[])_var.Clone(), Count);

    public void Load(RunningMeanStdState state)
    {
        if (state.Mean.Length != Size || state.Var.Length != Size)
            throw new ArgumentException($"Saved statistics have {state.Mean.Length} values, expected {Size}.");
        if (!(state.Count > 0) || state.Var.Any(v => !(v >= 0)) || state.Mean.Any(m => !double.IsFinite(m)))
            throw new ArgumentException("Saved statistics are invalid (non-positive count, negative variance or non-finite mean).");
        state.Mean.CopyTo(_mean, 0);
        state.Var.CopyTo(_var, 0);
        Count = state.Count;
    }

    /// <summary>Merges statistics gathered elsewhere (a remote worker's <see cref="Added"/>) as one batch.</summary>
    public void Merge(RunningMeanStdState batch)
    {
        if (batch.Mean.Length != Size || batch.Var.Length != Size)
            throw new ArgumentException($"Statistics have {batch.Mean.Length} values, expected {Size}.");
        if (batch.Count <= 0) return;
        Merge(batch.Mean, batch.Var, batch.Count);
    }

    /// <summary>What <paramref name="after"/> holds beyond <paramref name="before"/>, when <paramref name="after"/> is
    /// <paramref name="before"/> updated with more batches: the inverse of <see cref="Merge(RunningMeanStdState)"/>, so
    /// a learner can merge the samples several workers added to the statistics it sent them. Count 0: nothing added.</summary>
    public static RunningMeanStdState Added(RunningMeanStdState before, RunningMeanStdState after)
    {
        int size = before.Mean.Length;
        double count = after.Count - before.Count;
        var mean = new double[size];
        var variance = new double[size];
        if (count <= 0) return new RunningMeanStdState(mean, variance, 0);
        for (int k = 0; k < size; k++)
        {
            mean[k] = (after.Mean[k] * after.Count - before.Mean[k] * before.Count) / count;
            double delta = mean[k] - before.Mean[k];
            double m2 = after.Var[k] * after.Count - before.Var[k] * before.Count - delta * delta * before.Count * count / after.Count;
            variance[k] = Math.Max(0, m2 / count);
        }
        return new RunningMeanStdState(mean, variance, count);
    }

    private void Merge(double[] batchMean, double[] batchVar, double batchCount)
    {
        double total = Count + batchCount;
        for (int k = 0; k < Size; k++)
        {
            double delta = batchMean[k] - _mean[k];
            double m2 = _var[k] * Count + batchVar[k] * batchCount + delta * delta * Count * batchCount / total;
            _mean[k] += delta * batchCount / total;
            _var[k] = m2 / total;
        }
        Count = total;
    }
}
