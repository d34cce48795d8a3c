namespace HyperRL.Agents.Experiments.Study;

/// <summary>One evaluation of a study: a run's policy (final or best; "random" for the random baseline) at one point.</summary>
/// <param name="Score">What the statistics aggregate: the mean return, normalized when the study normalizes.</param>
public sealed record StudyResultRow(string Scheme, int Seed, string Split, int Point, IReadOnlyDictionary<string, double> Values, string Policy,
    double Mean, double Std, int Episodes, double Score)
{
    public const string FinalPolicy = "final";
    public const string BestPolicy = "best";
}
