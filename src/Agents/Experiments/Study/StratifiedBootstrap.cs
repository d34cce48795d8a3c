using HyperRL.Envs.Util;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>
/// rliable's stratified bootstrap: each point is a stratum whose runs are resampled with replacement on their own,
/// so every resample still covers every point once per run (a plain bootstrap over cells could drop a hard point
/// entirely). The percentile interval uses numpy's default (linear) interpolation, as rliable does through arch.
/// </summary>
internal static class StratifiedBootstrap
{
    public static void ValidateSettings(int resamples, double confidence)
    {
        if (resamples < 1) throw new ArgumentException($"the bootstrap needs at least 1 resample, not {resamples}.", nameof(resamples));
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentException($"confidence {confidence} is not in (0, 1).", nameof(confidence));
    }

    /// <summary>A resampled matrix of the same shape: cell [i][j] is run idx_j(i)'s score at point j.</summary>
    public static double[][] Resample(double[][] scores, Rng rng)
    {
        int runs = scores.Length, points = ScoreMatrix.Points(scores);
        var resampled = new double[runs][];
        for (int i = 0; i < runs; i++) resampled[i] = new double[points];
        for (int j = 0; j < points; j++)
            for (int i = 0; i < runs; i++)
                resampled[i][j] = scores[rng.NextInt(runs)][j];
        return resampled;
    }

    public static Interval PercentileInterval(double[] statistics, double confidence)
    {
        var sorted = (double[])statistics.Clone();
        Array.Sort(sorted);
        double tail = (1 - confidence) / 2;
        return new Interval(Percentile(sorted, tail), Percentile(sorted, 1 - tail));
    }

    /// <summary>numpy.percentile's "linear" method on sorted values, with q in [0, 1].</summary>
    public static double Percentile(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int below = (int)Math.Floor(h);
        if (below >= sorted.Length - 1) return sorted[^1];
        return sorted[below] + (h - below) * (sorted[below + 1] - sorted[below]);
    }
}
