using HyperRL.Agents.Config;
using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Registry;
using HyperRL.Envs.Spaces;
using HyperRL.HyperPolicy;

namespace HyperRL.Agents.Environments;

/// <summary>Translates a <see cref="TrainConfig"/> into env options and the policy's shapes.</summary>
public static class EnvSetup
{
    public static EnvOptions TrainingOptions(TrainConfig config)
    {
        return new EnvOptions
        {
            Parameters = config.Parameters,
            Continuous = config.Continuous,
            Randomize = !RandomizationSettings.IsRandomized(config) ? null : new ParameterDistribution
            {
                Train = RandomizationSettings.Ranges(config),
                Boxes = RandomizationSettings.Boxes(config),
                HeldOut = config.HeldOut.Select(p => (IReadOnlyDictionary<string, double>)p).ToList(),
            },
        };
    }

    /// <summary>Options of one evaluation point: the run's fixed parameters with <paramref name="point"/> set on top.</summary>
    public static EnvOptions FixedOptions(TrainConfig config, IReadOnlyDictionary<string, double> point)
    {
        var parameters = new Dictionary<string, double>(config.Parameters);
        foreach (var (name, value) in point) parameters[name] = value;
        return new EnvOptions { Parameters = parameters, Continuous = config.Continuous };
    }

    /// <summary>One env built as the run's envs are (throws on unknown ids, names or out-of-range values).</summary>
    public static Env Probe(TrainConfig config, EnvOptions? options = null) =>
        EnvRegistry.Make(config.Env, options ?? TrainingOptions(config));

    /// <summary>The env a run's policy files record, so one loaded against another env is refused.</summary>
    public static PolicyEnvironment Environment(TrainConfig config) =>
        new(config.Env, EnvRegistry.Get(config.Env).DescriptorSpec.Names.ToArray());

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
