namespace HyperRL.Agents.Experiments;

/// <summary>Resampling and averaging of a group's learning curves (seeds).</summary>
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
    /// Resamples every curve of a group at <paramref name="points"/> x values spanning all runs, plus each run's first
    /// and last x (interpolated linearly between logged points), so runs with different logging steps can be
    /// averaged. The result is split into stretches over which the same runs have data: the one where all runs do is
    /// the group's mean; where a shorter (or still running) seed has ended, or a seed has not started yet, the
    /// stretch is partial and says how many runs it averages.
    /// </summary>
    public static AggregatedCurve Aggregate(string label, IReadOnlyList<RunCurve> curves, int smooth, int points = 200)
    {
        if (curves.Count == 0) throw new ArgumentException($"group '{label}' has no curve", nameof(curves));
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        var runs = curves.Select(c => (c.X, Y: Smooth(c.Y, smooth))).ToArray();
        double start = runs.Min(c => c.X[0]);
        double end = runs.Max(c => c.X[^1]);
        // The runs' own ends join the grid so that every stretch starts and stops exactly where a run does; the last
        // grid point is end itself, not a rounding of it that no run would cover.
        double[] xs = Enumerable.Range(0, points).Select(i => i == points - 1 ? end : start + (end - start) * i / (points - 1))
            .Concat(runs.SelectMany(c => new[] { c.X[0], c.X[^1] }))
            .Distinct().Order().ToArray();
        int[][] covering = xs.Select(x => Enumerable.Range(0, runs.Length).Where(r => Covers(runs[r].X, x)).ToArray()).ToArray();

        CurveSegment? full = null;
        var partial = new List<CurveSegment>();
        for (int first = 0, last; first < xs.Length; first = last + 1)
        {
            last = first;
            while (last + 1 < xs.Length && covering[last + 1].AsSpan().SequenceEqual(covering[first])) last++;
            int[] members = covering[first];
            if (members.Length == 0) continue;
            // A stretch reaches one point into its neighbours when all its runs have data there, so consecutive
            // stretches meet at the x where a run ends (or starts) instead of leaving a gap of one grid step.
            int from = first > 0 && members.All(r => Covers(runs[r].X, xs[first - 1])) ? first - 1 : first;
            int to = last + 1 < xs.Length && members.All(r => Covers(runs[r].X, xs[last + 1])) ? last + 1 : last;
            var segment = Segment(members.Select(r => runs[r]).ToArray(), xs[from..(to + 1)]);
            if (members.Length == runs.Length) full = segment;
            else partial.Add(segment);
        }
        return new AggregatedCurve(label, curves.Count, full, partial);
    }

    private static bool Covers(double[] x, double at) => x[0] <= at && at <= x[^1];

    private static CurveSegment Segment((double[] X, double[] Y)[] runs, double[] xs)
    {
        var mean = new double[xs.Length];
        var min = new double[xs.Length];
        var max = new double[xs.Length];
        var std = new double[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            var values = runs.Select(c => ValueAt(c.X, c.Y, xs[i])).ToArray();
            double m = values.Average();
            mean[i] = m;
            min[i] = values.Min();
            max[i] = values.Max();
            std[i] = Math.Sqrt(values.Select(v => (v - m) * (v - m)).Average());
        }
        return new CurveSegment(runs.Length, xs, mean, min, max, std);
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
