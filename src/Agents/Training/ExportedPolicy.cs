using HyperRL.HyperPolicy.Onnx;

namespace HyperRL.Agents.Training;

/// <summary>A run's policy as an ONNX graph, with what it was specialized for.</summary>
/// <param name="Descriptor">The raw descriptor folded into the network; null when the graph reads it as an input.</param>
/// <param name="DescriptorText">"name=value, ..." of <paramref name="Descriptor"/>; null with it.</param>
/// <param name="DescriptorNames">The descriptor's parameter names, in the order the graph's descriptor values take.</param>
/// <param name="NormalizesObservations">The run's observation normalization is the graph's first step.</param>
public sealed record ExportedPolicy(OnnxPolicyGraph Graph, float[]? Descriptor, string? DescriptorText, IReadOnlyList<string> DescriptorNames,
    bool NormalizesObservations);
