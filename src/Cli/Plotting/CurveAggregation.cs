namespace HyperRL.Cli.Plotting;

/// <summary>A group's curves resampled on a common x grid: mean, min, max and std across runs (seeds).</summary>
public sealed record AggregatedCurve(string Label, int Runs, double[] X, double[] Mean, double[] Min, double[] Max, double[] Std);

public static class CurveAggregation
{
    /// <summary>Trailing moving average over <paramref name="window"/> points (1 = none).</summary>
    public static double[] Smooth(double[] y, int window)
    {
        if (window <= 1) return y;
        var result = new double[y.Length];
        double sum = 0;
        int count = 0;
        for (int i = 0; i < y.Length; i++)
        {
            sum += y[i];
            count++;
            if (count > window)
            {
                sum -= y[i - window];
                count--;
            }
            result[i] = sum / count;
        }
        return result;
    }

    /// <summary>
    /// Resamples every curve of a group at <paramref name="points"/> x values spanning the range all runs cover
    /// (the last value at or before each x), so runs with different logging steps can be averaged.
    /// </summary>
    public static AggregatedCurve Aggregate(string label, IReadOnlyList<RunCurve> curves, int smooth, int points = 200)
    {
        var smoothed = curves.Select(c => (c.X, Y: Smooth(c.Y, smooth))).ToList();
        double start = smoothed.Max(c => c.X[0]);
        double end = smoothed.Min(c => c.X[^1]);
        if (end < start) end = start;
        int n = end > start ? points : 1;
        var xs = Enumerable.Range(0, n).Select(i => n == 1 ? start : start + (end - start) * i / (n - 1)).ToArray();
        var mean = new double[n];
        var min = new double[n];
        var max = new double[n];
        var std = new double[n];
        for (int i = 0; i < n; i++)
        {
            var values = smoothed.Select(c => ValueAt(c.X, c.Y, xs[i])).ToArray();
            mean[i] = values.Average();
            min[i] = values.Min();
            max[i] = values.Max();
            std[i] = Math.Sqrt(values.Select(v => (v - mean[i]) * (v - mean[i])).Average());
        }
        return new AggregatedCurve(label, curves.Count, xs, mean, min, max, std);
    }

    private static double ValueAt(double[] x, double[] y, double at)
    {
        int index = Array.BinarySearch(x, at);
        if (index < 0) index = Math.Max(0, ~index - 1);
        return y[Math.Min(index, y.Length - 1)];
    }
}
