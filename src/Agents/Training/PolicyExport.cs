using HyperRL.Agents.Environments;
using HyperRL.Agents.Runs;
using HyperRL.Envs.Registry;
using HyperRL.Envs.Util;
using HyperRL.Envs.Vector.Wrappers;
using HyperRL.HyperPolicy.Onnx;

namespace HyperRL.Agents.Training;

/// <summary>
/// A trained run's policy as ONNX, for applications that act without HyperRL: the graph reads raw observations, as the
/// env gives them, because the run's observation normalization (when it trained with one) is put in front of the
/// network, with the statistics the run's evaluations use.
/// </summary>
public static class PolicyExport
{
    /// <summary>
    /// The plain network for one descriptor: the run's fixed parameters (the env's defaults where it sets none),
    /// overridden by <paramref name="descriptor"/> (names and ranges checked against the env's descriptor).
    /// </summary>
    public static ExportedPolicy ForDescriptor(TrainedRun run, IReadOnlyDictionary<string, double> descriptor) =>
        ForDescriptor(run, Descriptor(run, descriptor));

    /// <summary>The plain network for a descriptor already resolved by <see cref="Descriptor"/>.</summary>
    public static ExportedPolicy ForDescriptor(TrainedRun run, (float[] Values, string Text) descriptor)
    {
        var options = OnnxExportOptions.ForDescriptor(descriptor.Values) with { Observations = Normalization(run), ProducerVersion = Version };
        var names = EnvRegistry.Get(run.Config.Env).DescriptorSpec.Names.ToArray();
        return new ExportedPolicy(OnnxExport.Build(run.Model, options), descriptor.Values, descriptor.Text, names, options.Observations is not null);
    }

    /// <summary>The raw descriptor an export is specialized for: the run's fixed parameters (the env's defaults where it
    /// sets none), overridden by <paramref name="descriptor"/> (names and ranges checked against the env's
    /// descriptor), and its "name=value, ..." text.</summary>
    public static (float[] Values, string Text) Descriptor(TrainedRun run, IReadOnlyDictionary<string, double> descriptor)
    {
        var spec = EnvRegistry.Get(run.Config.Env).DescriptorSpec;
        spec.Resolve(descriptor); // unknown names and out-of-range values, in the env's words
        var env = EnvSetup.Probe(run.Config, EnvSetup.FixedOptions(run.Config, descriptor));
        var values = env.Descriptor.ToArray().Select(v => (float)v).ToArray();
        return (values, spec.Format(values));
    }

    /// <summary>The whole conditioned network, the descriptor a second input read at run time.</summary>
    public static ExportedPolicy WithDescriptorInput(TrainedRun run)
    {
        var options = OnnxExportOptions.WithDescriptorInput() with { Observations = Normalization(run), ProducerVersion = Version };
        var names = EnvRegistry.Get(run.Config.Env).DescriptorSpec.Names.ToArray();
        return new ExportedPolicy(OnnxExport.Build(run.Model, options), null, null, names, options.Observations is not null);
    }

    /// <summary>Writes the graph to <paramref name="path"/> in one replace (no half-written file under that name).</summary>
    public static void Write(ExportedPolicy policy, string path) => AtomicFile.Write(path, stream => stream.Write(policy.Graph.Bytes));

    /// <summary>What the frozen <see cref="NormalizeObservation"/> of the run's evaluations computes.</summary>
    private static ObservationNormalization? Normalization(TrainedRun run) =>
        run.Normalization?.Observations is RunningMeanStdState statistics
            ? new ObservationNormalization(
                statistics.Mean.Select(m => (float)m).ToArray(),
                statistics.Var.Select(v => (float)Math.Sqrt(v + NormalizeObservation.VarianceEpsilon)).ToArray(),
                NormalizeObservation.DefaultClip)
            : null;

    private static string Version => typeof(PolicyExport).Assembly.GetName().Version?.ToString() ?? "";
}
