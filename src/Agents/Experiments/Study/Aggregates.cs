using HyperRL.Envs.Util;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>
/// The aggregate statistics of rliable (Agarwal et al. 2021) that a study reports: few runs make a mean and its
/// standard error misleading, so scores are pooled into robust aggregates with bootstrap intervals.
/// </summary>
public static class Aggregates
{
    /// <summary>
    /// Interquartile mean, as scipy.stats.trim_mean(scores, 0.25): int(0.25 n) cut from each end of the sorted scores.
    /// Robust to a few collapsed runs yet, unlike the median, uses half the data.
    /// </summary>
    public static double Iqm(IEnumerable<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var sorted = scores.ToArray();
        if (sorted.Length == 0) throw new ArgumentException("the interquartile mean of no scores is undefined.", nameof(scores));
        Array.Sort(sorted);
        int cut = sorted.Length / 4;
        double sum = 0;
        for (int i = cut; i < sorted.Length - cut; i++) sum += sorted[i];
        return sum / (sorted.Length - 2 * cut);
    }

    /// <summary>Percentile interval of <paramref name="aggregate"/> under the stratified bootstrap of scores[run][point].</summary>
    public static Interval BootstrapCi(double[][] scores, Func<double[][], double> aggregate, int resamples, int seed, double confidence = 0.95)
    {
        ScoreMatrix.Validate(scores, nameof(scores));
        ArgumentNullException.ThrowIfNull(aggregate);
        StratifiedBootstrap.ValidateSettings(resamples, confidence);
        var rng = new Rng(unchecked((ulong)(long)seed));
        var statistics = new double[resamples];
        for (int r = 0; r < resamples; r++) statistics[r] = aggregate(StratifiedBootstrap.Resample(scores, rng));
        return StratifiedBootstrap.PercentileInterval(statistics, confidence);
    }

    /// <summary>
    /// P(X > Y): per point the Mann-Whitney U of x's runs against y's runs over nx ny (ties one half), averaged over
    /// points. Says how often one scheme beats another rather than by how much, so one outlier point cannot dominate.
    /// </summary>
    public static double ProbabilityOfImprovement(double[][] x, double[][] y)
    {
        ValidatePair(x, y);
        int points = ScoreMatrix.Points(x);
        double total = 0;
        for (int j = 0; j < points; j++)
        {
            double u = 0;
            foreach (var xr in x)
                foreach (var yr in y)
                    u += xr[j] > yr[j] ? 1 : xr[j] == yr[j] ? 0.5 : 0;
            total += u / ((double)x.Length * y.Length);
        }
        return total / points;
    }

    /// <summary>
    /// Interval of P(X > Y) when x and y are each resampled by the stratified bootstrap, independently of each other
    /// (rliable's StratifiedIndependentBootstrap): the two schemes' runs are independent experiments.
    /// </summary>
    public static Interval ProbabilityOfImprovementCi(double[][] x, double[][] y, int resamples, int seed, double confidence = 0.95)
    {
        ValidatePair(x, y);
        StratifiedBootstrap.ValidateSettings(resamples, confidence);
        var rng = new Rng(unchecked((ulong)(long)seed));
        var statistics = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            var xs = StratifiedBootstrap.Resample(x, rng);
            statistics[r] = ProbabilityOfImprovement(xs, StratifiedBootstrap.Resample(y, rng));
        }
        return StratifiedBootstrap.PercentileInterval(statistics, confidence);
    }

    /// <summary>(score - random) / (solved - random): 0 for a random policy and 1 at the solved threshold, so envs pool.</summary>
    public static double Normalize(double score, double random, double solved)
    {
        // Equal references would divide by zero and yield infinities that poison every pooled aggregate.
        if (solved == random) throw new ArgumentException($"cannot normalize: the solved score equals the random score ({random}).", nameof(solved));
        return (score - random) / (solved - random);
    }

    private static void ValidatePair(double[][] x, double[][] y)
    {
        ScoreMatrix.Validate(x, nameof(x));
        ScoreMatrix.Validate(y, nameof(y));
        if (ScoreMatrix.Points(x) != ScoreMatrix.Points(y))
            throw new ArgumentException($"x has {ScoreMatrix.Points(x)} points but y has {ScoreMatrix.Points(y)}: P(X > Y) compares them point by point.", nameof(y));
    }
}
