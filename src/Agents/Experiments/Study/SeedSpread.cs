namespace HyperRL.Agents.Experiments.Study;

/// <summary>How one scheme's final policies scored at one point across seeds: what the per-point tables print and the
/// along-feature plots draw.</summary>
public sealed record SeedSpread(double Mean, double Std, double Min, double Max)
{
    public static SeedSpread Of(IReadOnlyList<double> scores)
    {
        if (scores.Count == 0) throw new ArgumentException("no scores to summarize");
        double mean = scores.Average();
        return new SeedSpread(mean, Math.Sqrt(scores.Select(s => (s - mean) * (s - mean)).Average()), scores.Min(), scores.Max());
    }
}
