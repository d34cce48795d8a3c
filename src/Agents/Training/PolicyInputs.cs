using HyperRL.Envs.Vector;

namespace HyperRL.Agents.Training;

/// <summary>Raw observation rows as a policy reads them (normalized as in training).</summary>
internal static class PolicyInputs
{
    /// <summary>A copy of the first <paramref name="rows"/> observations, normalized with the training statistics.</summary>
    public static float[] NormalizedObservations(ReadOnlySpan<float> observations, int rows, int observationSize, VecNormalize? normalizer)
    {
        float[] obs = observations.Slice(0, rows * observationSize).ToArray();
        normalizer?.ApplyObservationStatistics(obs, rows);
        return obs;
    }
}
