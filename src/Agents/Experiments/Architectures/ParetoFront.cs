namespace HyperRL.Agents.Experiments.Architectures;

/// <summary>Return against size: the architectures no other one beats with as many parameters or fewer.</summary>
public static class ParetoFront
{
    /// <summary>Indices of the front, smallest first: each has a higher score than every architecture with fewer or as
    /// many parameters (ties in size: the best of them).</summary>
    public static IReadOnlyList<int> Of(IReadOnlyList<long> parameters, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, parameters.Count).OrderBy(i => parameters[i]).ThenByDescending(i => scores[i]).ToArray();
        var front = new List<int>();
        var best = double.NegativeInfinity;
        foreach (var i in order)
        {
            if (scores[i] <= best) continue;
            front.Add(i);
            best = scores[i];
        }
        return front;
    }

    /// <summary>The smallest architecture whose score is within <paramref name="fraction"/> of the best (score >=
    /// best - fraction * |best|); ties in size: the higher score.</summary>
    public static int SmallestWithin(IReadOnlyList<long> parameters, IReadOnlyList<double> scores, double fraction)
    {
        var best = scores.Max();
        var threshold = best - fraction * Math.Abs(best);
        return Enumerable.Range(0, parameters.Count).Where(i => scores[i] >= threshold)
            .OrderBy(i => parameters[i]).ThenByDescending(i => scores[i]).First();
    }
}
