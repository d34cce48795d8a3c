using HyperRL.Envs.Vector;
using HyperRL.HyperPolicy;
using static TorchSharp.torch;

namespace HyperRL.Agents.Training;

/// <summary>Raw observation and descriptor rows to the tensors a policy reads (normalized as in training).</summary>
internal static class PolicyInputs
{
    public static (Tensor Observations, Tensor Descriptors) Prepare(ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors,
        int rows, PolicyShapes shapes, VecNormalize? normalizer, Device device)
    {
        float[] obs = observations.Slice(0, rows * shapes.ObservationSize).ToArray();
        normalizer?.ApplyObservationStatistics(obs, rows);
        return (TensorBatch.FromRows(obs, rows, shapes.ObservationSize, device),
            TensorBatch.Descriptors(descriptors, rows, shapes.DescriptorSize, device));
    }
}
