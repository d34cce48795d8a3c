namespace HyperRL.Agents.Experiments;

/// <summary>
/// A stretch of a group's curve over which the same runs have data: at each x the mean, min, max and std across
/// those runs.
/// </summary>
/// <param name="Runs">How many of the group's runs have data all along this stretch.</param>
public sealed record CurveSegment(int Runs, double[] X, double[] Mean, double[] Min, double[] Max, double[] Std)
{
    /// <summary>
    /// The band to shade around the mean. Mean +- std is clamped into [min, max] at each x: with few seeds or a
    /// skewed spread it reaches past every value the runs logged (a success rate below 0, a return above the env's
    /// maximum) and drags the axis with it.
    /// </summary>
    public (double[] Low, double[] High) Band(CurveBand band)
    {
        if (band == CurveBand.MinMax) return (Min, Max);
        var low = new double[X.Length];
        var high = new double[X.Length];
        for (int i = 0; i < X.Length; i++)
        {
            low[i] = Math.Max(Min[i], Mean[i] - Std[i]);
            high[i] = Math.Min(Max[i], Mean[i] + Std[i]);
        }
        return (low, high);
    }
}
