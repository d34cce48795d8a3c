using HyperRL.Agents.Training;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Experiments.Architectures;

/// <summary>
/// Every architecture of a run's space (or a seeded sample of them) evaluated on descriptor sets: the data of a
/// return-against-size Pareto front from one training run (HyperPPO, Hegde et al. 2023).
/// </summary>
public static class ArchitectureSweep
{
    /// <summary>The run's actor-critic with an architecture space; otherwise a one-line error naming the run.</summary>
    public static ActorCritic PolicyOf(TrainedRun run) =>
        run.Model is ActorCritic { Architectures: not null } policy
            ? policy
            : throw new InvalidOperationException($"run '{run.Directory}' has no architecture space (policy.architectures): it trained one architecture");

    /// <summary>All architecture indices, or <paramref name="sample"/> of them drawn without replacement (seeded),
    /// in the space's order.</summary>
    public static IReadOnlyList<int> Choose(ArchitectureSpace space, int? sample, int seed)
    {
        if (sample is not int count || count >= space.Count) return Enumerable.Range(0, space.Count).ToArray();
        var rng = new Random(seed);
        var indices = Enumerable.Range(0, space.Count).ToArray();
        rng.Shuffle(indices);
        return indices.Take(count).Order().ToArray();
    }

    /// <summary>Each architecture's deterministic returns on each set (episodes seed..seed+N-1, the same for all).</summary>
    public static IReadOnlyList<ArchitectureResult> Evaluate(TrainedRun run, IReadOnlyList<int> architectures, IReadOnlyList<EvalPoint> sets,
        int episodes, int seed, Action<ArchitectureResult>? progress = null)
    {
        var policy = PolicyOf(run);
        var space = policy.Architectures!;
        var results = new List<ArchitectureResult>(architectures.Count);
        foreach (var index in architectures)
        {
            var acting = policy.CreateDeterministicPolicy(index);
            var returns = sets.Select(set => Evaluator.Evaluate(acting, run.Config, set.Options(run.Config), run.Normalization, episodes, seed, set.Label)).ToArray();
            var result = new ArchitectureResult(space[index].ToArray(), policy.ActorParameterCount(index), returns);
            results.Add(result);
            progress?.Invoke(result);
        }
        return results;
    }
}
