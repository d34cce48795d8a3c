using HyperRL.HyperPolicy.Onnx;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Heads;

/// <summary>
/// Mean and log-std of a diagonal Gaussian from raw outputs: state-independent log-std is a parameter (CleanRL
/// ppo_continuous_action), state-dependent log-std is read from the second half of the raw outputs.
/// </summary>
internal sealed class GaussianParameters : nn.Module
{
    public const float MinLogStd = -20f;
    public const float MaxLogStd = 2f;

    // Named as registered, so that moving the module (which replaces parameters) re-points this field.
    [ComponentName(Name = "log_std")] private readonly TorchSharp.Modules.Parameter? logStd;
    private readonly float logStdInit;

    public GaussianParameters(int actionSize, LogStdKind kind, float logStdInit) : base("gaussian")
    {
        ActionSize = actionSize;
        Kind = kind;
        this.logStdInit = logStdInit;
        if (kind == LogStdKind.StateIndependent)
        {
            logStd = nn.Parameter(full(1, actionSize, logStdInit));
            register_parameter("log_std", logStd);
        }
    }

    public int ActionSize { get; }

    /// <summary>The state-independent log-std parameter [1, A]; null when state-dependent.</summary>
    internal Tensor? LogStdParameter => logStd;

    public LogStdKind Kind { get; }

    public int RawSize => Kind == LogStdKind.StateIndependent ? ActionSize : 2 * ActionSize;

    public float LogStdInit => logStdInit;

    /// <summary>The log-std parameter's current values, or null when the log-std is state-dependent.</summary>
    public float[]? StateIndependentLogStd()
    {
        return logStd is null ? null : HostValues.Copy(logStd);
    }

    public Inference.GaussianHeadSnapshot Snapshot(float[]? center = null, float[]? halfRange = null) =>
        new(ActionSize, StateIndependentLogStd(), logStdInit, MinLogStd, MaxLogStd, center, halfRange);

    /// <summary><see cref="Read"/> in <paramref name="graph"/>: mean and log-std [N, A] from the raw outputs.</summary>
    public (string Mean, string LogStd) EmitOnnx(OnnxGraph graph, string raw)
    {
        if (logStd is not null) return (raw, graph.ExpandLike(graph.Constant("log_std_parameter", logStd), raw));
        var mean = graph.Slice(raw, 1, 0, ActionSize);
        var rawLogStd = graph.Add(graph.Slice(raw, 1, ActionSize, ActionSize), graph.Constant("log_std_init", [logStdInit]));
        return (mean, graph.Clip(rawLogStd, MinLogStd, MaxLogStd));
    }

    /// <summary>Publishes "mean" and "log_std".</summary>
    public void EmitOnnxOutputs(OnnxGraph graph, string mean, string logStd)
    {
        graph.Output("mean", mean, OnnxElementType.Float32, ActionSize);
        graph.Output("log_std", logStd, OnnxElementType.Float32, ActionSize);
    }

    public (Tensor Mean, Tensor LogStd) Read(Tensor raw)
    {
        if (logStd is not null) return (raw, logStd.expand_as(raw));
        var mean = raw.narrow(-1, 0, ActionSize);
        var rawLogStd = raw.narrow(-1, ActionSize, ActionSize) + logStdInit;
        return (mean, rawLogStd.clamp(MinLogStd, MaxLogStd));
    }
}
