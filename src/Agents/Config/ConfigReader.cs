using HyperRL.Agents.Algorithms;
using HyperRL.HyperPolicy;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Config;

/// <summary>
/// Reads and writes <see cref="TrainConfig"/> as camelCase JSON: the common keys, <c>algo</c>, the typed
/// <c>policy</c> spec and the section of that algorithm only. A user's file is merged over a preset, so it may name
/// only what it changes; unknown keys anywhere are errors that list the allowed keys.
/// </summary>
public static class ConfigReader
{
    private const string AlgoKey = "algo";
    private const string PolicyKey = "policy";

    public static JObject ToJObject(TrainConfig config)
    {
        var common = ConfigJson.Write(config);
        var json = new JObject { ["env"] = common["env"], [AlgoKey] = config.Algo };
        foreach (var property in common.Properties().Where(p => p.Name != "env")) json.Add(property.Name, property.Value);
        json[PolicyKey] = config.Policy.ToJObject();
        json[config.Algo] = AlgorithmRegistry.Get(config.Algo).WriteConfig(config.Algorithm);
        return json;
    }

    public static string ToJson(TrainConfig config) => ToJObject(config).ToString(Formatting.Indented);

    public static JObject ParseObject(string json, string source)
    {
        try
        {
            return JObject.Parse(json);
        }
        catch (JsonReaderException e)
        {
            throw new ConfigException($"{source} is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The config.json of a run directory.</summary>
    public static TrainConfig Load(string path) => FromJObject(ParseObject(File.ReadAllText(path), path), path);

    /// <summary>
    /// Applies <paramref name="overrides"/> on top of <paramref name="baseConfig"/>: objects merge key by key (so
    /// <c>{"policy": {"conditioning": "film"}}</c> keeps the base's trunk and head), arrays and values replace. An
    /// override that names another algo drops the base's algorithm section.
    /// </summary>
    public static TrainConfig Merge(TrainConfig baseConfig, JObject overrides, string source)
    {
        var merged = ToJObject(baseConfig);
        if (overrides[AlgoKey] is JValue { Type: JTokenType.String } algo && (string)algo! != baseConfig.Algo) merged.Remove(baseConfig.Algo);
        merged.Merge(overrides, new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace, MergeNullValueHandling = MergeNullValueHandling.Ignore });
        return FromJObject(merged, source);
    }

    public static TrainConfig FromJObject(JObject json, string source)
    {
        var package = AlgorithmRegistry.Get(json[AlgoKey] switch
        {
            JValue { Type: JTokenType.String } name => (string)name!,
            null => throw new ConfigException($"{source} has no '{AlgoKey}' key; allowed values: {string.Join(", ", AlgorithmRegistry.Names)}"),
            var other => throw new ConfigException($"'{AlgoKey}' in {source} must be a string, got {other.Type}"),
        });
        var common = new JObject();
        foreach (var property in json.Properties())
        {
            if (property.Name is AlgoKey or PolicyKey || property.Name == package.Name) continue;
            if (AlgorithmRegistry.Contains(property.Name))
                throw new ConfigException($"section '{property.Name}' in {source} configures algo '{property.Name}', but this config's algo is '{package.Name}'");
            common.Add(property.Name, property.Value.DeepClone());
        }
        ConfigJson.CheckKeys(common, typeof(TrainConfig), "", source, extraKeys: [AlgoKey, PolicyKey, package.Name]);
        var config = ConfigJson.Read<TrainConfig>(common, "", source);
        return config with
        {
            Algorithm = package.ReadConfig(Section(json, package.Name, source), source),
            Policy = ReadPolicy(Section(json, PolicyKey, source), source),
        };
    }

    private static JObject Section(JObject json, string key, string source) => json[key] switch
    {
        null => new JObject(),
        JObject section => section,
        var other => throw new ConfigException($"'{key}' in {source} must be an object, got {other.Type}"),
    };

    private static PolicySpec ReadPolicy(JObject json, string source)
    {
        try
        {
            return PolicySpec.FromJObject(json);
        }
        catch (PolicySpecException e)
        {
            throw new ConfigException($"{source}: {e.Message}");
        }
    }
}
