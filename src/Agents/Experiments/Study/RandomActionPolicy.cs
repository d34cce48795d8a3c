using HyperRL.Envs.Spaces;
using HyperRL.Envs.Util;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>Uniformly random actions, seeded: the "random = 0" anchor of normalized scores, evaluated through the same
/// env pipeline as the trained policies.</summary>
public sealed class RandomActionPolicy(Space actionSpace, ulong seed) : IDeterministicPolicy
{
    private readonly Rng rng = new(seed);

    public void Act(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int rows, Span<int> discreteActions, Span<float> continuousActions)
    {
        switch (actionSpace)
        {
            case Discrete discrete:
                for (int row = 0; row < rows; row++) discreteActions[row] = discrete.Sample(rng);
                break;
            case Box box:
                for (int row = 0; row < rows; row++) box.Sample(rng).CopyTo(continuousActions.Slice(row * box.Size, box.Size));
                break;
            default:
                throw new NotSupportedException($"random actions for {actionSpace}");
        }
    }
}
