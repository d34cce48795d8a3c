using HyperRL.Agents.Algorithms;
using HyperRL.Agents.Environments;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Registry;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Config;

/// <summary>
/// Semantic checks of a whole <see cref="TrainConfig"/>, with messages that name the key: the common keys, the
/// descriptor settings against the env family's names and ranges, the policy spec against the env's shapes, then the
/// algorithm's own checks. Runs before anything is trained or written.
/// </summary>
public static class ConfigValidation
{
    private static readonly string[] Devices = ["cpu", "cuda"];

    public const int MaxEnvs = 65_536;
    public const int MaxThreads = 256;
    public const int MaxEvalEpisodes = 10_000;

    public static void Check(TrainConfig c)
    {
        if (!EnvRegistry.Contains(c.Env)) throw new ConfigException($"unknown env '{c.Env}'; known: {string.Join(", ", EnvRegistry.Ids)}");
        var package = AlgorithmRegistry.Get(c.Algo);
        if (!package.PresetNames.Contains(c.Preset))
            throw new ConfigException($"preset '{c.Preset}': {c.Algo} has no such preset; its presets: {string.Join(", ", package.PresetNames)}");
        Positive(c.TotalSteps, "totalSteps");
        InRange(c.NumEnvs, 1, MaxEnvs, "numEnvs");
        InRange(c.Workers, 1, MaxThreads, "workers");
        InRange(c.TorchThreads, 1, MaxThreads, "torchThreads");
        InRange(c.EvalEpisodes, 1, MaxEvalEpisodes, "evalEpisodes");
        NonNegative(c.EvalEvery, "evalEvery");
        NonNegative(c.CheckpointEvery, "checkpointEvery");
        if (c.Workers > c.NumEnvs) throw new ConfigException($"workers ({c.Workers}) cannot exceed numEnvs ({c.NumEnvs})");
        if (!Devices.Contains(c.Device)) throw new ConfigException($"unknown device '{c.Device}'; allowed: {string.Join(", ", Devices)}");
        if (!Training.TrainingBackends.Names.Contains(c.Backend))
            throw new ConfigException($"unknown backend '{c.Backend}'; allowed: {string.Join(", ", Training.TrainingBackends.Names)}");
        if (c.Backend == Training.TrainingBackends.Fused && !package.HasFusedBackend)
            throw new ConfigException($"backend 'fused' does not cover {c.Algo}'s gradient steps yet; use backend auto or torch");
        if (c.Backend == Training.TrainingBackends.Fused && c.Device != "cpu")
            throw new ConfigException($"backend 'fused' runs on the cpu; device '{c.Device}' takes backend torch or auto");
        CheckDescriptorSettings(c, EnvRegistry.Get(c.Env).DescriptorSpec);
        CheckRemoteWorkers(c, package);

        PolicyShapes shapes;
        try
        {
            shapes = EnvSetup.Shapes(c);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new ConfigException(Describe(e));
        }
        // The algorithm first: "sac needs continuous actions" says more than a head that does not fit the env.
        package.Validate(c, shapes);
        if (c.Algorithm is OffPolicy.OffPolicyConfig offPolicy) offPolicy.ValidateReplayMemory(c, shapes);
        try
        {
            if (package.PolicyModelKind != ActorCritic.KindName) c.Policy.RequireSingleArchitecture($"{package.Name} (its model is a {package.PolicyModelKind})");
            c.Policy.Validate(shapes);
        }
        catch (PolicySpecException e)
        {
            throw new ConfigException($"policy: {FirstLine(e.Message)}");
        }
    }

    public const int MaxRemoteWorkers = 4096;

    private static void CheckRemoteWorkers(TrainConfig c, IAlgorithmPackage package)
    {
        InRange(c.RemoteWorkers, 0, MaxRemoteWorkers, "remoteWorkers");
        if (c.RemoteWorkers == 0) return;
        if (!package.HasRemoteWorkers)
            throw new ConfigException($"remote workers (remoteWorkers {c.RemoteWorkers}) do not serve {c.Algo} yet; it trains in-process only");
        if (c.Algorithm is OffPolicy.OffPolicyConfig offPolicy && offPolicy.Replay().NStep > 1)
            throw new ConfigException($"remote actors send one-step transitions; {c.Algo}.nStep {offPolicy.Replay().NStep} needs in-process envs for now");
        if (c.Policy.Architectures is not null)
            throw new ConfigException("remote workers do not sample architectures of policy.architectures yet; train an architecture space in-process");
        Distributed.ClusterSettings.Resolve(c.Cluster);
    }

    private static void CheckDescriptorSettings(TrainConfig c, DescriptorSpec spec)
    {
        foreach (var (name, value) in c.Parameters) CheckValue(spec, name, value, $"parameters.{name}");
        foreach (var (name, range) in RandomizationSettings.Ranges(c))
        {
            CheckValue(spec, name, range.Low, $"randomize.{name}");
            CheckValue(spec, name, range.High, $"randomize.{name}");
        }
        var boxes = RandomizationSettings.Boxes(c);
        for (int k = 0; k < boxes.Count; k++)
        {
            foreach (var (name, range) in boxes[k])
            {
                CheckValue(spec, name, range.Low, $"randomizeBoxes[{k}].{name}");
                CheckValue(spec, name, range.High, $"randomizeBoxes[{k}].{name}");
            }
        }
        for (int k = 0; k < c.HeldOut.Count; k++)
        {
            if (c.HeldOut[k].Count == 0) throw new ConfigException($"heldOut[{k}] names no descriptor parameter");
            foreach (var (name, value) in c.HeldOut[k]) CheckValue(spec, name, value, $"heldOut[{k}].{name}");
        }
    }

    private static void CheckValue(DescriptorSpec spec, string name, double value, string key)
    {
        try
        {
            spec.CheckInRange(spec.IndexOf(name), value);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException($"{key}: {Describe(e)}");
        }
    }

    public static void Positive(double value, string key)
    {
        if (!(value > 0) || double.IsInfinity(value)) throw new ConfigException($"{key} must be a positive number, got {value}");
    }

    public static void InRange(long value, long min, long max, string key)
    {
        if (value < min || value > max) throw new ConfigException($"{key} must be in [{min:N0}, {max:N0}], got {value:N0}");
    }

    public static void NonNegative(double value, string key)
    {
        if (!(value >= 0) || double.IsInfinity(value)) throw new ConfigException($"{key} must be >= 0, got {value}");
    }

    public static void Fraction(double value, string key)
    {
        if (!(value is >= 0 and <= 1)) throw new ConfigException($"{key} must be in [0, 1], got {value}");
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    /// <summary>The message without the " (Parameter 'x')" that ArgumentException appends.</summary>
    private static string Describe(Exception e) => FirstLine(e is ArgumentException { ParamName: { } name }
        ? e.Message.Replace($" (Parameter '{name}')", "")
        : e.Message);
}
