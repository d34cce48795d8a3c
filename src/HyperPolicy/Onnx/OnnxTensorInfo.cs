namespace HyperRL.HyperPolicy.Onnx;

/// <summary>The element types of an exported graph's inputs and outputs.</summary>
public enum OnnxElementType { Float32, Int64 }

/// <summary>One input or output of an exported graph: its name, element type and shape ("N" is the batch).</summary>
public sealed record OnnxTensorInfo(string Name, OnnxElementType Type, IReadOnlyList<string> Shape)
{
    /// <summary>"obs float32 [N, 4]".</summary>
    public override string ToString() => $"{Name} {(Type == OnnxElementType.Int64 ? "int64" : "float32")} [{string.Join(", ", Shape)}]";
}
