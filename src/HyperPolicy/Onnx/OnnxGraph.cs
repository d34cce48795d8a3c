using System.Runtime.InteropServices;
using Google.Protobuf;
using HyperRL.HyperPolicy.MainNetworks;
using Onnx;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Onnx;

/// <summary>
/// An ONNX graph under construction, in the few operators the policies need. Every helper returns the name of the value
/// it computes, so the emitting code reads like the torch forward it mirrors. Weights are copied into initializers
/// when they are added: later changes to the network do not reach the graph.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The batch dimension of every input and output.</summary>
    public const string BatchDimension = "N";

    private readonly GraphProto graph = new() { Name = "hyperrl_policy" };
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly List<OnnxTensorInfo> inputs = [];
    private readonly List<OnnxTensorInfo> outputs = [];

    public IReadOnlyList<OnnxTensorInfo> Inputs => inputs;

    public IReadOnlyList<OnnxTensorInfo> Outputs => outputs;

    /// <summary>A float32 input [N, <paramref name="width"/>].</summary>
    public string Input(string name, long width)
    {
        Reserve(name);
        graph.Input.Add(ValueInfo(name, TensorProto.Types.DataType.Float, [width]));
        inputs.Add(new OnnxTensorInfo(name, OnnxElementType.Float32, [BatchDimension, width.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        return name;
    }

    /// <summary>Publishes <paramref name="value"/> as the output <paramref name="name"/> [N, trailing...].</summary>
    public void Output(string name, string value, OnnxElementType type, params long[] trailing)
    {
        Reserve(name);
        graph.Node.Add(NewNode("Identity", [value], name));
        graph.Output.Add(ValueInfo(name, type == OnnxElementType.Int64 ? TensorProto.Types.DataType.Int64 : TensorProto.Types.DataType.Float, trailing));
        outputs.Add(new OnnxTensorInfo(name, type,
            [BatchDimension, .. trailing.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
    }

    /// <summary>A float32 constant of the given shape.</summary>
    public string Constant(string hint, ReadOnlySpan<float> values, params long[] dims)
    {
        var name = Fresh(hint);
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(dims);
        proto.RawData = LittleEndianBytes(values);
        graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>The tensor's current values, shape kept.</summary>
    public string Constant(string hint, Tensor tensor) => Constant(hint, HostValues.Copy(tensor), tensor.shape);

    /// <summary>A 1-D int64 constant (shapes, axes, slice bounds).</summary>
    public string Int64s(string hint, params long[] values)
    {
        var name = Fresh(hint);
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        graph.Initializer.Add(proto);
        return name;
    }

    public string Node(string op, string[] operands, params AttributeProto[] attributes)
    {
        var output = Fresh(op.ToLowerInvariant());
        var node = NewNode(op, operands, output);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return output;
    }

    public string MatMul(string a, string b) => Node("MatMul", [a, b]);

    public string Add(string a, string b) => Node("Add", [a, b]);

    public string Sub(string a, string b) => Node("Sub", [a, b]);

    public string Mul(string a, string b) => Node("Mul", [a, b]);

    public string Div(string a, string b) => Node("Div", [a, b]);

    public string Min(string a, string b) => Node("Min", [a, b]);

    public string Max(string a, string b) => Node("Max", [a, b]);

    public string Tanh(string x) => Node("Tanh", [x]);

    public string Elu(string x) => Node("Elu", [x], FloatAttribute("alpha", 1f));

    public string Activation(ActivationKind kind, string x) => kind switch
    {
        ActivationKind.Tanh => Tanh(x),
        ActivationKind.Relu => Node("Relu", [x]),
        ActivationKind.Elu => Elu(x),
        ActivationKind.Silu => Mul(x, Node("Sigmoid", [x])),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Values clamped to [min, max] (scalars).</summary>
    public string Clip(string x, float min, float max) => Node("Clip", [x, Constant("clip_min", [min]), Constant("clip_max", [max])]);

    /// <summary>x[..., start : start + length] along <paramref name="axis"/>.</summary>
    public string Slice(string x, long axis, long start, long length) =>
        Node("Slice", [x, Int64s("starts", start), Int64s("ends", start + length), Int64s("axes", axis)]);

    public string Concat(long axis, params string[] parts) => Node("Concat", parts, IntAttribute("axis", axis));

    public string Unsqueeze(string x, long axis) => Node("Unsqueeze", [x, Int64s("axes", axis)]);

    public string Squeeze(string x, long axis) => Node("Squeeze", [x, Int64s("axes", axis)]);

    /// <summary>Reshape; a 0 keeps that dimension of the input (the batch), -1 is inferred.</summary>
    public string Reshape(string x, params long[] shape) => Node("Reshape", [x, Int64s("shape", shape)]);

    public string Transpose(string x, params long[] permutation) => Node("Transpose", [x], IntsAttribute("perm", permutation));

    /// <summary>The first index of the maximum along <paramref name="axis"/> (as torch's argmax), that axis dropped; int64.</summary>
    public string ArgMax(string x, long axis) =>
        Node("ArgMax", [x], IntAttribute("axis", axis), IntAttribute("keepdims", 0), IntAttribute("select_last_index", 0));

    /// <summary>Softmax along <paramref name="axis"/> (opset 13+ normalizes along that axis alone).</summary>
    public string Softmax(string x, long axis) => Node("Softmax", [x], IntAttribute("axis", axis));

    /// <summary>Mean along <paramref name="axis"/>, kept as a dimension of size 1.</summary>
    public string ReduceMean(string x, long axis) => Node("ReduceMean", [x], IntsAttribute("axes", [axis]), IntAttribute("keepdims", 1));

    /// <summary><paramref name="x"/> broadcast to the shape of <paramref name="like"/>.</summary>
    public string ExpandLike(string x, string like) => Node("Expand", [x, Node("Shape", [like])]);

    /// <summary>x W + b with shared weights W [In, Out] and b [Out] copied from the layer.</summary>
    public string Affine(string x, LayerWeights layer, string hint) =>
        Add(MatMul(x, Constant(hint + ".weight", layer.Weight)), Constant(hint + ".bias", layer.Bias));

    /// <summary>x [N, In] through layers with shared weights; the activation after every layer but the last (unless
    /// <paramref name="activateLast"/>), as <see cref="FunctionalMlp.Forward"/>.</summary>
    public string Mlp(string x, IReadOnlyList<LayerWeights> layers, ActivationKind activation, string hint, bool activateLast = false)
    {
        for (var i = 0; i < layers.Count; i++)
        {
            x = Affine(x, layers[i], $"{hint}.layer{i}");
            if (i < layers.Count - 1 || activateLast) x = Activation(activation, x);
        }
        return x;
    }

    /// <summary>Each row through its own weights: [N, 1, In] x [N, In, Out] -> [N, Out], plus its bias [N, Out].</summary>
    public string BatchedAffine(string x, OnnxLayer layer) => Add(Squeeze(MatMul(Unsqueeze(x, 1), layer.Weight), 1), layer.Bias);

    /// <summary>The finished model, serialized.</summary>
    public byte[] ToModelBytes(string producerVersion)
    {
        var model = new ModelProto
        {
            IrVersion = OnnxExport.IrVersion,
            ProducerName = "HyperRL",
            ProducerVersion = producerVersion,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxExport.Opset });
        return model.ToByteArray();
    }

    private static NodeProto NewNode(string op, string[] operands, string output)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(operands);
        node.Output.Add(output);
        return node;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, long[] trailing)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (var size in trailing) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = size });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto FloatAttribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private static AttributeProto IntsAttribute(string name, long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>ONNX raw data is little-endian whatever the machine.</summary>
    private static ByteString LittleEndianBytes(ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian) return ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return ByteString.CopyFrom(bytes);
    }

    /// <summary>A value name not used yet, readable in a graph viewer ("actor.layer0.weight", "matmul_3").</summary>
    private string Fresh(string hint)
    {
        if (names.Add(hint)) return hint;
        for (var i = 1; ; i++)
        {
            var candidate = $"{hint}_{i}";
            if (names.Add(candidate)) return candidate;
        }
    }

    private void Reserve(string name)
    {
        if (!names.Add(name)) throw new InvalidOperationException($"the graph already has a value named '{name}'");
    }
}
