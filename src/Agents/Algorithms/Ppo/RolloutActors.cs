using HyperRL.Agents.Training;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Algorithms.Ppo;

/// <summary>
/// The C# acting copies of a rollout: one for every env, or, when the policy has an architecture space, HyperPPO's
/// meta-batch (Hegde et al. 2023): each rollout samples K architectures (uniformly over depth, then over the
/// architectures of that depth), the envs are split into K contiguous slices and slice k acts with architecture k.
/// Rows are visited in env order either way, so the action sampler's draws follow the same order.
/// </summary>
internal sealed class RolloutActors
{
    private readonly ActorCritic agent;
    private readonly int numEnvs;
    private readonly RngRandom? architectureSampling;
    private readonly int[] sliceStarts; // K + 1 bounds
    private readonly int[] sliceArchitectures;
    private readonly int[] envSlice;
    private ActorCriticInference[] inference;

    /// <param name="metaBatch">Architectures per rollout (with a space; at most <paramref name="numEnvs"/>).</param>
    public RolloutActors(ActorCritic agent, int numEnvs, int metaBatch, ulong seed)
    {
        this.agent = agent;
        this.numEnvs = numEnvs;
        var slices = agent.Architectures is null ? 1 : metaBatch;
        if (slices < 1 || slices > numEnvs) throw new ArgumentOutOfRangeException(nameof(metaBatch), metaBatch, $"between 1 and numEnvs {numEnvs}");
        sliceStarts = Enumerable.Range(0, slices + 1).Select(k => k * numEnvs / slices).ToArray();
        envSlice = new int[numEnvs];
        for (var k = 0; k < slices; k++)
            for (var env = sliceStarts[k]; env < sliceStarts[k + 1]; env++) envSlice[env] = k;
        sliceArchitectures = new int[slices];
        if (agent.Architectures is not null) architectureSampling = new RngRandom(seed);
        inference = [new ActorCriticInference(agent)];
    }

    /// <summary>The generator of the architecture draws (saved with checkpoints); null without a space.</summary>
    public RngRandom? ArchitectureSampling => architectureSampling;

    /// <summary>The architecture env <paramref name="env"/> acts with in this rollout (with a space).</summary>
    public int ArchitectureOf(int env) => sliceArchitectures[envSlice[env]];

    /// <summary>The architectures of this rollout, one per slice (with a space).</summary>
    public IReadOnlyList<int> Architectures => sliceArchitectures;

    /// <summary>Before a rollout: the weights changed (copies are dropped); with a space, new architectures are drawn.</summary>
    public void Refresh()
    {
        if (architectureSampling is null)
        {
            inference[0].Refresh();
            return;
        }
        for (var k = 0; k < sliceArchitectures.Length; k++) sliceArchitectures[k] = agent.Architectures!.Sample(architectureSampling);
        inference = sliceArchitectures.Select(architecture => new ActorCriticInference(agent, architecture)).ToArray();
    }

    /// <summary>Every env's action, log-probability and value (rows in env order).</summary>
    public void Act(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, Random sampling,
        Span<int> discreteActions, Span<float> continuousActions, Span<float> logProbs, Span<float> values)
    {
        var (obsSize, descSize) = (agent.Shapes.ObservationSize, agent.Shapes.DescriptorSize);
        var actionSize = agent.Shapes.ActionKind == ActionKind.Discrete ? 0 : agent.Shapes.ActionSize;
        for (var k = 0; k < inference.Length; k++)
        {
            var (start, count) = (sliceStarts[k], sliceStarts[k + 1] - sliceStarts[k]);
            inference[k].Act(observations.Slice(start * obsSize, count * obsSize), descriptors.Slice(start * descSize, count * descSize), count,
                deterministic: false, sampling,
                actionSize == 0 ? discreteActions.Slice(start, count) : discreteActions,
                actionSize == 0 ? continuousActions : continuousActions.Slice(start * actionSize, count * actionSize),
                logProbs.Slice(start, count), values.Slice(start, count));
        }
    }

    /// <summary>V(s) of every env's row.</summary>
    public void Values(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, Span<float> values)
    {
        var (obsSize, descSize) = (agent.Shapes.ObservationSize, agent.Shapes.DescriptorSize);
        for (var k = 0; k < inference.Length; k++)
        {
            var (start, count) = (sliceStarts[k], sliceStarts[k + 1] - sliceStarts[k]);
            inference[k].Values(observations.Slice(start * obsSize, count * obsSize), descriptors.Slice(start * descSize, count * descSize), count,
                values.Slice(start, count));
        }
    }

    /// <summary>V(s) of one row that env <paramref name="env"/> produced (e.g. its final observation).</summary>
    public float Value(int env, ReadOnlySpan<float> observation, ReadOnlySpan<float> descriptor)
    {
        Span<float> value = stackalloc float[1];
        inference[envSlice[env]].Values(observation, descriptor, 1, value);
        return value[0];
    }

    /// <summary>The architecture of every buffer row t * numEnvs + env listed in <paramref name="rows"/> (null: all
    /// <paramref name="count"/> rows in order); null without a space.</summary>
    public int[]? ArchitecturesOfRows(long[]? rows, int count)
    {
        if (architectureSampling is null) return null;
        var result = new int[count];
        for (var j = 0; j < count; j++) result[j] = ArchitectureOf((int)((rows?[j] ?? j) % numEnvs));
        return result;
    }
}
