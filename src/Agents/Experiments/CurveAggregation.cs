namespace HyperRL.Agents.Experiments;

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
    /// Resamples every curve of a group at <paramref name="points"/> x values spanning all runs (interpolated linearly
    /// between logged points), so runs with different logging steps can be averaged. At each x only the runs whose logged
    /// range covers it count, so a shorter (or still running) seed does not cut the others' curves short.
    /// </summary>
    public static AggregatedCurve Aggregate(string label, IReadOnlyList<RunCurve> curves, int smooth, int points = 200)
    {
        var smoothed = curves.Select(c => (c.X, Y: Smooth(c.Y, smooth))).ToList();
        double start = smoothed.Min(c => c.X[0]);
        double end = smoothed.Max(c => c.X[^1]);
        int n = end > start ? points : 1;
        var xs = new List<double>();
        var mean = new List<double>();
        var min = new List<double>();
        var max = new List<double>();
        var std = new List<double>();
        for (int i = 0; i < n; i++)
        {
            double x = n == 1 ? start : start + (end - start) * i / (n - 1);
            var values = smoothed.Where(c => c.X[0] <= x && x <= c.X[^1]).Select(c => ValueAt(c.X, c.Y, x)).ToArray();
            if (values.Length == 0) continue;
            double m = values.Average();
            xs.Add(x);
            mean.Add(m);
            min.Add(values.Min());
            max.Add(values.Max());
            std.Add(Math.Sqrt(values.Select(v => (v - m) * (v - m)).Average()));
        }
        return new AggregatedCurve(label, curves.Count, xs.ToArray(), mean.ToArray(), min.ToArray(), max.ToArray(), std.ToArray());
    }

    /// <summary>Linear interpolation between the logged points around <paramref name="at"/>.</summary>
    private static double ValueAt(double[] x, double[] y, double at)
    {
        int index = Array.BinarySearch(x, at);
        if (index >= 0) return y[index];
        int right = ~index;
        if (right <= 0) return y[0];
        if (right >= x.Length) return y[^1];
        double t = (at - x[right - 1]) / (x[right] - x[right - 1]);
        return y[right - 1] + t * (y[right] - y[right - 1]);
    }
}
