using HyperRL.Agents.Training;
using HyperRL.Envs.ClassicControl;

namespace HyperRL.Cli.Tests.Progress;

/// <summary>Snapshots and evaluation results for the progress display tests.</summary>
internal static class ProgressSamples
{
    /// <summary>A run of <paramref name="updates"/> updates to <paramref name="totalSteps"/> at a steady
    /// <paramref name="stepsPerSecond"/>, three episodes an update.</summary>
    public static List<TrainingSnapshot> SteadyRun(long totalSteps, int updates, double stepsPerSecond)
    {
        var snapshots = new List<TrainingSnapshot>();
        for (int k = 1; k <= updates; k++)
        {
            long step = totalSteps * k / updates;
            snapshots.Add(new TrainingSnapshot(step, totalSteps, step / stepsPerSecond, stepsPerSecond, 3 * k, 10 + k));
        }
        return snapshots;
    }

    public static EvalResult Eval(string label, float[]? descriptor, double mean, double std) =>
        new(label, CartPoleDescriptor.Spec, descriptor, mean, std, MeanLength: 100, TerminatedFraction: 0, Returns: [mean]);

    /// <summary>A held-out point of CartPole: a long "name=value, ..." text that wraps at 40 columns.</summary>
    public static EvalResult HeldOutEval() =>
        Eval("heldout0", [.. CartPoleDescriptor.Spec.Defaults().Select(v => (float)v)], 123.4, 5.6);
}
