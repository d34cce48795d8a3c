using System.Globalization;
using HyperRL.Agents.Config;
using HyperRL.Envs.Descriptors;
using HyperRL.Envs.Registry;
using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>
/// A study resolved before any work starts: the protocol's train distribution written into every run's config, one
/// checked config per (scheme, seed), and every evaluation point, checked against the env's descriptor. Runs never
/// see an evaluation point: their own periodic evaluations (which choose the best policy) use the training
/// distribution only.
/// </summary>
public sealed class StudyPlan
{
    private StudyPlan(StudySpec spec, StudyLayout layout, EvaluationProtocol protocol, DescriptorSpec descriptor, IReadOnlyList<StudyPoint> points,
        IReadOnlyList<StudyJob> jobs, StudyNormalization? normalization)
    {
        Spec = spec;
        Layout = layout;
        Protocol = protocol;
        Descriptor = descriptor;
        Points = points;
        Jobs = jobs;
        Normalization = normalization;
    }

    public StudySpec Spec { get; }
    public StudyLayout Layout { get; }
    public EvaluationProtocol Protocol { get; }
    public DescriptorSpec Descriptor { get; }
    public IReadOnlyList<StudyPoint> Points { get; }
    public IReadOnlyList<StudyJob> Jobs { get; }
    /// <summary>With the solved threshold resolved (the env's, unless the spec gives one).</summary>
    public StudyNormalization? Normalization { get; }

    public IReadOnlyList<string> FeatureNames => Spec.Features.Select(f => f.Name).ToList();

    /// <summary>The splits the statistics aggregate: the protocol's, then "points" when the spec lists any.</summary>
    public IReadOnlyList<string> AggregatedSplits =>
        [.. Protocol.Splits, .. Spec.Points.Count > 0 ? new[] { StudyPoint.ExplicitSplit } : []];

    public static StudyPlan Create(StudySpec spec, string directory)
    {
        if (!EnvRegistry.Contains(spec.Env)) throw new ArgumentException($"study env '{spec.Env}' is not registered; known: {string.Join(", ", EnvRegistry.Ids)}");
        var registration = EnvRegistry.Get(spec.Env);
        var descriptor = registration.DescriptorSpec;
        foreach (var feature in spec.Features)
        {
            int index = descriptor.IndexOf(feature.Name);
            foreach (double value in new[] { feature.Lower, feature.LowerConstraint, feature.Mid, feature.Upper })
                descriptor.CheckInRange(index, value);
        }
        var protocol = new EvaluationProtocol(spec.Features, spec.Protocol);
        var points = PointsOf(spec, protocol);
        foreach (var point in points)
        {
            foreach (var (name, value) in point.Values) descriptor.CheckInRange(descriptor.IndexOf(name), value);
        }

        var normalization = spec.Normalize;
        if (normalization is { Solved: double.NaN })
        {
            normalization = registration.RewardThreshold is double threshold
                ? normalization with { Solved = threshold }
                : throw new ArgumentException($"normalize: {spec.Env} has no solved threshold; give it as normalize.solved");
        }
        if (normalization is { Random: double random } && random == normalization.Solved)
            throw new ArgumentException("normalize: random and solved are equal, so scores cannot be normalized");

        var layout = new StudyLayout(directory);
        var baseConfig = Presets.Presets.For(spec.Env, spec.Algo, spec.Preset ?? Presets.Presets.Default);
        var jobs = new List<StudyJob>();
        foreach (var scheme in spec.Schemes)
        {
            foreach (int seed in spec.Seeds)
            {
                string name = $"{scheme.Label}-s{seed}";
                var config = ConfigReader.Merge(baseConfig, JobOverrides(spec, protocol, scheme, seed), $"study scheme '{scheme.Label}'");
                ConfigValidation.Check(config);
                jobs.Add(new StudyJob(name, scheme.Label, seed, config, layout.RunDirectory(name), layout.EvalFile(name)));
            }
        }
        return new StudyPlan(spec, layout, protocol, descriptor, points, jobs, normalization);
    }

    public StudyJob Job(string name) => Jobs.FirstOrDefault(j => j.Name == name)
        ?? throw new ArgumentException($"the study has no job '{name}'; its jobs: {string.Join(", ", Jobs.Select(j => j.Name))}");

    private static JObject JobOverrides(StudySpec spec, EvaluationProtocol protocol, StudyScheme scheme, int seed)
    {
        var overrides = (JObject)spec.Config.DeepClone();
        overrides.Merge(new JObject { ["policy"] = scheme.Policy.DeepClone() });
        overrides["seed"] = seed;
        if (spec.Steps is long steps) overrides["totalSteps"] = steps;
        // Mode A is one box: plain independent ranges. B and C are unions of boxes.
        var boxes = protocol.TrainBoxes.Select(box => new JObject(box.Ranges.Select(r => new JProperty(r.Key, Range(r.Value))))).ToArray();
        if (boxes.Length == 1) overrides["randomize"] = boxes[0];
        else overrides["randomizeBoxes"] = new JArray(boxes.Cast<object>().ToArray());
        return overrides;
    }

    private static string Range(ParameterRange range) => range.Low == range.High
        ? range.Low.ToString("R", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{range.Low:R}:{range.High:R}");

    private static List<StudyPoint> PointsOf(StudySpec spec, EvaluationProtocol protocol)
    {
        var points = new List<StudyPoint>();
        foreach (var split in protocol.Splits)
            points.AddRange(protocol.Points(split, spec.PointsPerSplit, spec.PointSeed).Select((p, i) => new StudyPoint(split, i, p)));
        points.AddRange(spec.Points.Select((p, i) => new StudyPoint(StudyPoint.ExplicitSplit, i, p)));
        if (spec.SweepPoints > 0)
        {
            foreach (var feature in spec.Features)
            {
                double low = Math.Min(feature.TrainRange.Low, feature.ExtrapolationRange.Low);
                double high = Math.Max(feature.TrainRange.High, feature.ExtrapolationRange.High);
                for (int i = 0; i < spec.SweepPoints; i++)
                {
                    double value = spec.SweepPoints == 1 ? (low + high) / 2 : low + (high - low) * i / (spec.SweepPoints - 1);
                    var values = new Dictionary<string, double> { [feature.Name] = value };
                    foreach (var other in spec.Features.Where(f => f.Name != feature.Name)) values[other.Name] = SweepAnchor(other, spec.Protocol);
                    points.Add(new StudyPoint(StudyPoint.SweepSplit(feature.Name), i, values));
                }
            }
        }
        return points;
    }

    /// <summary>Where a sweep holds the other feature: inside the train distribution (mode C trains only along the
    /// axes through "lower", so there it is lower; otherwise the middle of the train range).</summary>
    private static double SweepAnchor(ContextFeature feature, ProtocolMode mode) =>
        mode == ProtocolMode.C ? feature.Lower : (feature.TrainRange.Low + feature.TrainRange.High) / 2;
}
