namespace HyperRL.HyperPolicy.Onnx;

/// <summary>An exported policy: the serialized ONNX model and its inputs and outputs.</summary>
public sealed record OnnxPolicyGraph(byte[] Bytes, IReadOnlyList<OnnxTensorInfo> Inputs, IReadOnlyList<OnnxTensorInfo> Outputs);
