namespace HyperRL.Agents.Experiments.Study;

/// <summary>
/// Checks on the run x point score matrices the statistics take. Rectangular is required because the bootstrap
/// resamples runs within each point: a missing cell would make a stratum smaller and bias it silently.
/// </summary>
internal static class ScoreMatrix
{
    public static void Validate(double[][] scores, string parameter)
    {
        if (scores is null) throw new ArgumentNullException(parameter);
        if (scores.Length == 0) throw new ArgumentException($"the score matrix {parameter} has no runs.", parameter);
        if (scores.Any(row => row is null)) throw new ArgumentException($"the score matrix {parameter} has a null run.", parameter);
        int points = scores[0].Length;
        if (points == 0) throw new ArgumentException($"the score matrix {parameter} has no points.", parameter);
        int ragged = Array.FindIndex(scores, row => row.Length != points);
        if (ragged >= 0)
            throw new ArgumentException($"the score matrix {parameter} is ragged: run 0 has {points} points, run {ragged} has {scores[ragged].Length}.", parameter);
    }

    public static int Points(double[][] scores) => scores[0].Length;
}
