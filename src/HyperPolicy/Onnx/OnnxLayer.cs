namespace HyperRL.HyperPolicy.Onnx;

/// <summary>A generated layer inside a graph: the names of its per-row weights [N, In, Out] and biases [N, Out].</summary>
internal sealed record OnnxLayer(string Weight, string Bias);
