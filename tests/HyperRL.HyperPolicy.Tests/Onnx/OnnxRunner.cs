using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HyperRL.HyperPolicy.Tests.Onnx;

/// <summary>One output of a graph run by ONNX Runtime: its shape and its values (float32 or int64).</summary>
internal sealed record OnnxResult(long[] Shape, float[]? Floats, long[]? Longs);

/// <summary>Runs an exported graph with ONNX Runtime, the way an application would: from the file's bytes alone.</summary>
internal static class OnnxRunner
{
    public static Dictionary<string, OnnxResult> Run(byte[] model, IReadOnlyDictionary<string, (float[] Values, long[] Shape)> inputs)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(model, options);
        var values = inputs.ToDictionary(input => input.Key, input => OrtValue.CreateTensorValueFromMemory(input.Value.Values, input.Value.Shape));
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, values, session.OutputNames);
            var results = new Dictionary<string, OnnxResult>();
            for (var i = 0; i < outputs.Count; i++)
            {
                var info = outputs[i].GetTensorTypeAndShape();
                results[session.OutputNames[i]] = info.ElementDataType == TensorElementType.Int64
                    ? new OnnxResult(info.Shape, null, outputs[i].GetTensorDataAsSpan<long>().ToArray())
                    : new OnnxResult(info.Shape, outputs[i].GetTensorDataAsSpan<float>().ToArray(), null);
            }
            return results;
        }
        finally
        {
            foreach (var value in values.Values) value.Dispose();
        }
    }

    /// <summary>The graph's declared input names, in order.</summary>
    public static string[] InputNames(byte[] model)
    {
        using var session = new InferenceSession(model);
        return session.InputNames.ToArray();
    }
}
