using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace HyperRL.Agents.Config;

/// <summary>
/// Reads and writes <see cref="TrainConfig"/> as camelCase JSON. A user's file is merged over the preset, so it may
/// name only what it changes; unknown keys anywhere are errors that list the allowed keys.
/// </summary>
public static class ConfigReader
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver { NamingStrategy = new CamelCaseNamingStrategy { ProcessDictionaryKeys = false } },
        MissingMemberHandling = MissingMemberHandling.Error,
        NullValueHandling = NullValueHandling.Ignore,
        Formatting = Formatting.Indented,
    });

    public static JObject ToJObject(TrainConfig config) => JObject.FromObject(config, Serializer);

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

    /// <summary>Applies <paramref name="overrides"/> on top of <paramref name="baseConfig"/> (objects merge, arrays and values replace).</summary>
    public static TrainConfig Merge(TrainConfig baseConfig, JObject overrides, string source)
    {
        CheckKeys(overrides, typeof(TrainConfig), "", source);
        var merged = ToJObject(baseConfig);
        // Objects merge key by key, so {"policy": {"conditioning": "film"}} keeps the preset's trunk and head.
        merged.Merge(overrides, new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace, MergeNullValueHandling = MergeNullValueHandling.Ignore });
        return FromJObject(merged, source);
    }

    public static TrainConfig FromJObject(JObject json, string source)
    {
        CheckKeys(json, typeof(TrainConfig), "", source);
        try
        {
            return json.ToObject<TrainConfig>(Serializer) ?? throw new ConfigException($"{source}: empty configuration");
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{source}: {e.Message}");
        }
    }

    private static void CheckKeys(JObject json, Type type, string path, string source)
    {
        if (Serializer.ContractResolver.ResolveContract(type) is not JsonObjectContract contract) return;
        var allowed = contract.Properties.Where(p => !p.Ignored).ToDictionary(p => p.PropertyName!, StringComparer.Ordinal);
        foreach (var property in json.Properties())
        {
            if (!allowed.TryGetValue(property.Name, out var member))
                throw new ConfigException($"unknown key '{path}{property.Name}' in {source}; allowed: {string.Join(", ", allowed.Keys)}");
            var memberType = member.PropertyType;
            if (property.Value is JObject nested && memberType != null && memberType != typeof(JObject)
                && !(memberType.IsGenericType && memberType.GetGenericTypeDefinition() == typeof(Dictionary<,>)))
                CheckKeys(nested, memberType, $"{path}{property.Name}.", source);
        }
    }
}
