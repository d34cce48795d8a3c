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

    /// <summary>The policy's shapes for a run: the env's, with the descriptor bounds its policy spec chooses.</summary>
    public static PolicyShapes Shapes(TrainConfig config, Env? probe = null)
    {
        var shapes = Shapes(probe ?? Probe(config));
        if (config.Policy.DescriptorBounds != DescriptorBoundsKind.Train || !RandomizationSettings.IsRandomized(config)) return shapes;
        var (low, high) = TrainDistributionBounds(config, EnvRegistry.Get(config.Env).DescriptorSpec);
        return shapes with { DescriptorLow = low, DescriptorHigh = high };
    }

    /// <summary>The bounding box of the train distribution (ranges and boxes); a parameter that is not randomized is
    /// its fixed value at both ends, which the normalizer maps to a constant 0.</summary>
    public static (float[] Low, float[] High) TrainDistributionBounds(TrainConfig config, DescriptorSpec spec)
    {
        var fixedValues = spec.Resolve(config.Parameters);
        var low = fixedValues.Select(v => (float)v).ToArray();
        var high = (float[])low.Clone();
        var seen = new bool[spec.Length];
        void Widen(string name, ParameterRange range)
        {
            int i = spec.IndexOf(name);
            low[i] = seen[i] ? Math.Min(low[i], (float)range.Low) : (float)range.Low;
            high[i] = seen[i] ? Math.Max(high[i], (float)range.High) : (float)range.High;
            seen[i] = true;
        }
        foreach (var (name, range) in RandomizationSettings.Ranges(config)) Widen(name, range);
        foreach (var box in RandomizationSettings.Boxes(config))
        {
            foreach (var (name, range) in box) Widen(name, range);
        }
        return (low, high);
    }

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
