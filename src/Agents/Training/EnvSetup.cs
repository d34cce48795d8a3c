using HyperRL.Agents.Config;
using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Registry;
using HyperRL.Envs.Spaces;
using HyperRL.Envs.Wrappers;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Training;

/// <summary>Translates a <see cref="TrainConfig"/> into env options, wrappers and the policy's shapes.</summary>
public static class EnvSetup
{
    public static EnvOptions TrainingOptions(TrainConfig config)
    {
        var spec = EnvRegistry.Get(config.Env).DescriptorSpec;
        var ranges = new Dictionary<string, ParameterRange>();
        foreach (var (name, text) in config.Randomize)
        {
            spec.IndexOf(name);
            try
            {
                ranges[name] = ParameterRange.Parse(text);
            }
            catch (FormatException e)
            {
                throw new ConfigException($"randomize.{name}: {e.Message}");
            }
        }
        return new EnvOptions
        {
            Parameters = config.Parameters,
            Continuous = config.Continuous,
            Randomize = ranges.Count == 0 ? null : new ParameterDistribution
            {
                Train = ranges,
                HeldOut = config.HeldOut.Select(p => (IReadOnlyDictionary<string, double>)p).ToList(),
            },
        };
    }

    /// <summary>Options of one held-out evaluation point: the training options with that descriptor fixed.</summary>
    public static EnvOptions HeldOutOptions(TrainConfig config, IReadOnlyDictionary<string, double> point)
    {
        var parameters = new Dictionary<string, double>(config.Parameters);
        foreach (var (name, value) in point) parameters[name] = value;
        return new EnvOptions { Parameters = parameters, Continuous = config.Continuous };
    }

    /// <summary>Continuous actions from an unsquashed Gaussian are clipped into the box, as CleanRL's ClipAction.</summary>
    public static Func<Env, Env>? Wrapper(Env probe) => probe.ActionSpace is Box ? env => new ClipAction(env) : null;

    public static PolicyShapes Shapes(Env env)
    {
        var spec = env.DescriptorSpec;
        return env.ActionSpace switch
        {
            Discrete d => new PolicyShapes(env.ObservationSize, ActionKind.Discrete, d.N, spec.Low, spec.High),
            Box b => new PolicyShapes(env.ObservationSize, ActionKind.Continuous, b.Size, spec.Low, spec.High, b.Low.ToArray(), b.High.ToArray()),
            _ => throw new NotSupportedException($"{env.Id}: unsupported action space {env.ActionSpace}"),
        };
    }
}
