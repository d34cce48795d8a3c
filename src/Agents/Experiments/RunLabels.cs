using HyperRL.Agents.Config;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Experiments;

/// <summary>How runs are named and grouped in plots and summaries.</summary>
public static class RunLabels
{
    /// <summary>The config's conditioning scheme as written in specs ("hyper", "film", "concat", "mlp").</summary>
    public static string Conditioning(TrainConfig config) => ConditioningNames.Of(config.Policy.Conditioning);

    public static string Group(TrainConfig config, string runDirectory, CurveGrouping groupBy) => groupBy switch
    {
        CurveGrouping.Policy => Conditioning(config),
        CurveGrouping.Algo => config.Algo,
        CurveGrouping.Env => config.Env,
        _ => Path.GetFileName(Path.GetFullPath(runDirectory)),
    };
}
