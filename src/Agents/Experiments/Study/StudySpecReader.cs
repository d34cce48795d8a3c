using System.Globalization;
using HyperRL.Agents.Algorithms;
using HyperRL.HyperPolicy;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>Reads a <see cref="StudySpec"/>; every mistake is one <see cref="ArgumentException"/> line naming the key.</summary>
internal static class StudySpecReader
{
    private static readonly string[] Keys =
    [
        "env", "algo", "preset", "steps", "seeds", "schemes", "features", "protocol", "episodes", "pointsPerSplit", "pointSeed", "sweepPoints",
        "points", "config", "normalize", "evalSeed",
    ];

    public static StudySpec Read(string json, string source)
    {
        JObject root;
        try
        {
            root = JObject.Parse(json);
        }
        catch (JsonReaderException e)
        {
            throw new ArgumentException($"{source} is not a JSON object: {e.Message}");
        }
        foreach (var property in root.Properties())
        {
            if (!Keys.Contains(property.Name))
                throw new ArgumentException($"{source}: unknown key '{property.Name}'; allowed: {string.Join(", ", Keys)}");
        }
        string algo = root["algo"] is null ? "ppo" : String(root, "algo", source);
        if (!AlgorithmRegistry.Contains(algo)) throw new ArgumentException($"{source}: algo '{algo}' is not one of {string.Join(", ", AlgorithmRegistry.Names)}");
        var features = Features(root, source);
        var spec = new StudySpec
        {
            Env = root["env"] is null ? throw new ArgumentException($"{source}: 'env' is required") : String(root, "env", source),
            Algo = algo,
            Preset = root["preset"] is null ? null : String(root, "preset", source),
            Steps = root["steps"] is null ? null : Integer(root, "steps", source, min: 1),
            Seeds = Seeds(root, source),
            Schemes = Schemes(root, source),
            Features = features,
            Protocol = root["protocol"] is null ? ProtocolMode.A : Mode(String(root, "protocol", source), source),
            Episodes = root["episodes"] is null ? 20 : (int)Integer(root, "episodes", source, min: 1, max: 10_000),
            PointsPerSplit = root["pointsPerSplit"] is null ? 10 : (int)Integer(root, "pointsPerSplit", source, min: 1, max: 1_000),
            PointSeed = root["pointSeed"] is null ? 0 : (int)Integer(root, "pointSeed", source, min: 0, max: int.MaxValue),
            SweepPoints = root["sweepPoints"] is null ? 9 : (int)Integer(root, "sweepPoints", source, min: 0, max: 1_000),
            Points = Points(root, features, source),
            Config = root["config"] switch
            {
                null => new JObject(),
                JObject config => ConfigOverrides(config, source),
                var other => throw new ArgumentException($"{source}: 'config' must be an object of config keys, got {other.Type}"),
            },
            Normalize = Normalization(root["normalize"], source),
            EvalSeed = root["evalSeed"] is null ? 100_000 : (int)Integer(root, "evalSeed", source, min: 0, max: int.MaxValue / 2),
        };
        return spec;
    }

    /// <summary>The study owns what makes its runs comparable; a config that set these would silently break that.</summary>
    private static JObject ConfigOverrides(JObject config, string source)
    {
        foreach (var key in new[] { "env", "algo", "seed", "totalSteps", "randomize", "randomizeBoxes", "heldOut", "preset" })
        {
            if (config[key] != null)
                throw new ArgumentException($"{source}: config.{key} is set by the study itself (use the study's env, algo, seeds, steps, features or preset keys)");
        }
        return config;
    }

    private static string String(JObject root, string key, string source) => root[key] is JValue { Type: JTokenType.String } value
        ? (string)value!
        : throw new ArgumentException($"{source}: '{key}' must be a string");

    private static long Integer(JObject root, string key, string source, long min, long max = long.MaxValue) =>
        root[key] is JValue { Type: JTokenType.Integer } value && (long)value >= min && (long)value <= max
            ? (long)value
            : throw new ArgumentException($"{source}: '{key}' must be an integer in [{min}, {max}]");

    private static ProtocolMode Mode(string text, string source) => text switch
    {
        "A" => ProtocolMode.A,
        "B" => ProtocolMode.B,
        "C" => ProtocolMode.C,
        _ => throw new ArgumentException($"{source}: protocol '{text}' is not A, B or C"),
    };

    private static IReadOnlyList<int> Seeds(JObject root, string source)
    {
        if (root["seeds"] is not JArray array || array.Count == 0 || array.Any(t => t.Type != JTokenType.Integer || (long)t < 0 || (long)t > int.MaxValue))
            throw new ArgumentException($"{source}: 'seeds' must be a non-empty list of non-negative integers");
        var seeds = array.Select(t => (int)t).ToList();
        if (seeds.Distinct().Count() != seeds.Count) throw new ArgumentException($"{source}: 'seeds' names a seed twice");
        return seeds;
    }

    private static IReadOnlyList<StudyScheme> Schemes(JObject root, string source)
    {
        if (root["schemes"] is not JArray array || array.Count == 0)
            throw new ArgumentException($"{source}: 'schemes' must be a non-empty list of scheme names ({string.Join(", ", ConditioningNames.All)}) or {{\"label\", \"policy\"}} objects");
        var schemes = new List<StudyScheme>();
        for (int i = 0; i < array.Count; i++)
        {
            schemes.Add(array[i] switch
            {
                JValue { Type: JTokenType.String } name when ConditioningNames.All.Contains((string)name!) =>
                    new StudyScheme((string)name!, new JObject { ["conditioning"] = (string)name! }),
                JValue { Type: JTokenType.String } name => throw new ArgumentException(
                    $"{source}: schemes[{i}] '{(string)name!}' is not one of {string.Join(", ", ConditioningNames.All)}"),
                JObject scheme => SchemeObject(scheme, i, source),
                _ => throw new ArgumentException($"{source}: schemes[{i}] must be a scheme name or a {{\"label\", \"policy\"}} object"),
            });
        }
        if (schemes.Select(s => s.Label).Distinct().Count() != schemes.Count) throw new ArgumentException($"{source}: two schemes have the same label");
        return schemes;
    }

    private static StudyScheme SchemeObject(JObject scheme, int index, string source)
    {
        foreach (var property in scheme.Properties())
        {
            if (property.Name is not ("label" or "policy"))
                throw new ArgumentException($"{source}: schemes[{index}] has unknown key '{property.Name}'; allowed: label, policy");
        }
        if (scheme["label"] is not JValue { Type: JTokenType.String } label || string.IsNullOrWhiteSpace((string?)label)
            || ((string)label!).IndexOfAny([.. Path.GetInvalidFileNameChars(), ' ', ',']) >= 0)
            throw new ArgumentException($"{source}: schemes[{index}] needs a 'label' usable as a file name (no spaces, commas or slashes)");
        if (scheme["policy"] is not JObject policy) throw new ArgumentException($"{source}: schemes[{index}] needs a 'policy' object (policy spec keys)");
        return new StudyScheme((string)label!, policy);
    }

    private static IReadOnlyList<ContextFeature> Features(JObject root, string source)
    {
        if (root["features"] is not JObject features || features.Count is < 1 or > 2)
            throw new ArgumentException($"{source}: 'features' must map one or two descriptor parameters to \"lower:lowerConstraint:mid:upper\"");
        return features.Properties().Select(p => p.Value is JValue { Type: JTokenType.String } text
            ? ContextFeature.Parse(p.Name, (string)text!)
            : throw new ArgumentException($"{source}: features.{p.Name} must be a string \"lower:lowerConstraint:mid:upper\"")).ToList();
    }

    private static IReadOnlyList<IReadOnlyDictionary<string, double>> Points(JObject root, IReadOnlyList<ContextFeature> features, string source)
    {
        if (root["points"] is null) return [];
        if (root["points"] is not JArray array) throw new ArgumentException($"{source}: 'points' must be a list of {{feature: value}} objects");
        var points = new List<IReadOnlyDictionary<string, double>>();
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is not JObject point) throw new ArgumentException($"{source}: points[{i}] must be an object {{feature: value}}");
            var values = new Dictionary<string, double>();
            foreach (var property in point.Properties())
            {
                if (features.All(f => f.Name != property.Name))
                    throw new ArgumentException($"{source}: points[{i}] names '{property.Name}', which is not a study feature ({string.Join(", ", features.Select(f => f.Name))})");
                if (property.Value.Type is not (JTokenType.Integer or JTokenType.Float) || !double.IsFinite((double)property.Value))
                    throw new ArgumentException($"{source}: points[{i}].{property.Name} must be a finite number");
                values[property.Name] = (double)property.Value;
            }
            if (values.Count != features.Count)
                throw new ArgumentException($"{source}: points[{i}] must give every feature ({string.Join(", ", features.Select(f => f.Name))})");
            points.Add(values);
        }
        return points;
    }

    private static StudyNormalization? Normalization(JToken? token, string source)
    {
        switch (token)
        {
            case null:
            case JValue { Type: JTokenType.Boolean } off when !(bool)off:
                return null;
            case JValue { Type: JTokenType.Boolean }:
                return new StudyNormalization(null, double.NaN); // the env's threshold, filled in by the plan
            case JObject normalize:
                foreach (var property in normalize.Properties())
                {
                    if (property.Name is not ("random" or "solved"))
                        throw new ArgumentException($"{source}: normalize has unknown key '{property.Name}'; allowed: random, solved");
                }
                double? random = normalize["random"] is null ? null : Number(normalize["random"]!, "normalize.random", source);
                double solved = normalize["solved"] is null ? double.NaN : Number(normalize["solved"]!, "normalize.solved", source);
                return new StudyNormalization(random, solved);
            default:
                throw new ArgumentException($"{source}: 'normalize' must be true, false or {{\"random\": R, \"solved\": S}}");
        }
    }

    private static double Number(JToken token, string key, string source) =>
        token.Type is JTokenType.Integer or JTokenType.Float && double.IsFinite((double)token)
            ? (double)token
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{source}: {key} must be a finite number"));
}
