namespace HyperRL.Agents.Experiments.Study;

/// <summary>
/// The statistics of a study (rliable's, Agarwal et al. 2021): per policy (final, best), split and scheme the IQM of
/// the (run, point) scores with a stratified bootstrap CI, and the probability of improvement of each scheme over
/// each other. Scores are mean returns, or normalized ones (random policy 0, solved threshold 1) when the study asks.
/// </summary>
public sealed class StudyAnalysis
{
    /// <summary>Bootstrap resamples per CI (rliable's examples use 2,000; the CIs' third digit still moves).</summary>
    public const int Resamples = 2000;

    private const int BootstrapSeed = 0;

    private StudyAnalysis(IReadOnlyList<StudyResultRow> rows, IReadOnlyList<SchemeScore> scores, IReadOnlyList<Improvement> improvements)
    {
        Rows = rows;
        Scores = scores;
        Improvements = improvements;
    }

    /// <summary>Every row with its score, the random baseline's included.</summary>
    public IReadOnlyList<StudyResultRow> Rows { get; }
    public IReadOnlyList<SchemeScore> Scores { get; }
    public IReadOnlyList<Improvement> Improvements { get; }

    public static StudyAnalysis Compute(StudyPlan plan, IReadOnlyList<StudyResultRow> jobRows, IReadOnlyList<StudyResultRow> randomRows)
    {
        var scored = Score(plan, [.. jobRows, .. randomRows], randomRows);
        var schemes = plan.Spec.Schemes.Select(s => s.Label).ToList();
        var scores = new List<SchemeScore>();
        var improvements = new List<Improvement>();
        foreach (string policy in new[] { StudyResultRow.FinalPolicy, StudyResultRow.BestPolicy })
        {
            foreach (string split in plan.AggregatedSplits)
            {
                var matrices = schemes.ToDictionary(s => s, s => Matrix(scored, plan, s, split, policy));
                foreach (var scheme in schemes)
                {
                    var m = matrices[scheme];
                    scores.Add(new SchemeScore(policy, split, scheme, Aggregates.Iqm(m.SelectMany(r => r)),
                        Aggregates.BootstrapCi(m, x => Aggregates.Iqm(x.SelectMany(r => r)), Resamples, BootstrapSeed), m.Length, m[0].Length));
                }
                foreach (var x in schemes)
                {
                    foreach (var y in schemes.Where(y => y != x))
                    {
                        improvements.Add(new Improvement(policy, split, x, y, Aggregates.ProbabilityOfImprovement(matrices[x], matrices[y]),
                            Aggregates.ProbabilityOfImprovementCi(matrices[x], matrices[y], Resamples, BootstrapSeed)));
                    }
                }
            }
        }
        return new StudyAnalysis(scored, scores, improvements);
    }

    /// <summary>The final policies' scores of <paramref name="scheme"/> at one point, over its seeds.</summary>
    public SeedSpread FinalSpread(string scheme, string split, int point) => SeedSpread.Of(Rows
        .Where(r => r.Scheme == scheme && r.Split == split && r.Point == point && r.Policy == StudyResultRow.FinalPolicy).Select(r => r.Score).ToList());

    public SchemeScore Score(string policy, string split, string scheme) =>
        Scores.Single(s => s.Policy == policy && s.Split == split && s.Scheme == scheme);

    public Improvement ImprovementOf(string policy, string split, string x, string y) =>
        Improvements.Single(i => i.Policy == policy && i.Split == split && i.X == x && i.Y == y);

    /// <summary>scores[run][point] of one scheme on one split, runs in seed order, points in index order.</summary>
    private static double[][] Matrix(IReadOnlyList<StudyResultRow> rows, StudyPlan plan, string scheme, string split, string policy)
    {
        var lookup = rows.Where(r => r.Scheme == scheme && r.Split == split && r.Policy == policy).ToDictionary(r => (r.Seed, r.Point), r => r.Score);
        int points = plan.Points.Count(p => p.Split == split);
        return plan.Spec.Seeds.Select(seed => Enumerable.Range(0, points).Select(point => lookup.TryGetValue((seed, point), out double score)
            ? score
            : throw new InvalidDataException($"the study has no evaluation of {scheme} seed {seed} ({policy}) at {split} point {point}")).ToArray()).ToArray();
    }

    private static IReadOnlyList<StudyResultRow> Score(StudyPlan plan, IReadOnlyList<StudyResultRow> rows, IReadOnlyList<StudyResultRow> randomRows)
    {
        if (plan.Normalization is not { } normalization) return rows.Select(r => r with { Score = r.Mean }).ToList();
        var random = randomRows.ToDictionary(r => (r.Split, r.Point), r => r.Mean);
        return rows.Select(r =>
        {
            double floor = normalization.Random ?? random[(r.Split, r.Point)];
            // A point where the random policy already reaches the threshold cannot be normalized; the message says where.
            if (Math.Abs(normalization.Solved - floor) < 1e-9)
                throw new InvalidDataException($"normalize: at {r.Split} point {r.Point} the random policy's return equals the solved threshold {normalization.Solved}");
            return r with { Score = Aggregates.Normalize(r.Mean, floor, normalization.Solved) };
        }).ToList();
    }
}
