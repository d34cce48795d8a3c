using HyperRL.Agents.Config;
using HyperRL.Agents.Environments;
using HyperRL.Agents.Runs;
using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;

namespace HyperRL.Agents.Experiments;

/// <summary>One setting <c>hyperrl eval</c> evaluates a trained policy on, labelled like the training evaluations'
/// sets (train, heldout0, ...) or "custom" for a point given on the command line.</summary>
/// <param name="Point">The descriptor values set on top of the run's fixed parameters; empty for the training
/// descriptors (which may be a randomized distribution).</param>
public sealed record EvalPoint(string Label, IReadOnlyDictionary<string, double> Point)
{
    public const string CustomLabel = "custom";

    public bool IsTraining => Label == RunColumns.TrainSet;

    public EnvOptions Options(TrainConfig config) =>
        IsTraining ? EnvSetup.TrainingOptions(config) : EnvSetup.FixedOptions(config, Point);

    /// <summary>
    /// With no sweep and no fixed value: the training descriptors and every held-out point of the run's config, as
    /// training evaluated them. Otherwise the grid points (<see cref="GridSweep.Points"/>), checked before any is
    /// evaluated.
    /// </summary>
    public static IReadOnlyList<EvalPoint> For(TrainConfig config, IReadOnlyList<GridSweep> sweeps, IReadOnlyDictionary<string, double> fixedValues,
        DescriptorSpec spec)
    {
        if (sweeps.Count > 0 || fixedValues.Count > 0)
            return GridSweep.Points(sweeps, fixedValues, spec).Select(p => new EvalPoint(CustomLabel, p)).ToList();
        return
        [
            new EvalPoint(RunColumns.TrainSet, new Dictionary<string, double>()),
            .. config.HeldOut.Select((point, k) => new EvalPoint(RunColumns.HeldOutSet(k), point)),
        ];
    }
}
