using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace HyperRL.Agents.Config;

/// <summary>
/// The camelCase JSON form of config records, with one rule everywhere: an unknown key is an error that names it
/// and lists the allowed keys.
/// </summary>
public static class ConfigJson
{
    internal static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver { NamingStrategy = new CamelCaseNamingStrategy { ProcessDictionaryKeys = false } },
        MissingMemberHandling = MissingMemberHandling.Error,
        NullValueHandling = NullValueHandling.Ignore,
        FloatParseHandling = FloatParseHandling.Double,
    });

    public static JObject Write<T>(T value) where T : notnull => JObject.FromObject(value, Serializer);

    /// <summary>Reads <paramref name="json"/> as a <typeparamref name="T"/>; keys are reported as <c>prefix.key</c>.</summary>
    public static T Read<T>(JObject json, string prefix, string source) where T : new()
    {
        CheckKeys(json, typeof(T), prefix.Length == 0 ? "" : prefix + ".", source);
        try
        {
            return json.ToObject<T>(Serializer) ?? new T();
        }
        catch (JsonSerializationException e) when (e.Message.StartsWith("Cannot deserialize the current JSON", StringComparison.Ordinal))
        {
            // Newtonsoft names the .NET target type ("List`1[...]"); the user needs the key and the JSON shape it takes.
            string message = System.Text.RegularExpressions.Regex.Replace(FirstLine(e.Message), @" into type '[^']*'", "");
            throw new ConfigException($"{source}: '{prefix}{(prefix.Length == 0 ? "" : ".")}{e.Path}': {message}");
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{source}: {FirstLine(e.Message)}");
        }
    }

    internal static void CheckKeys(JObject json, Type type, string path, string source, IEnumerable<string>? extraKeys = null)
    {
        if (Serializer.ContractResolver.ResolveContract(type) is not JsonObjectContract contract) return;
        var members = contract.Properties.Where(p => !p.Ignored).ToDictionary(p => p.PropertyName!, StringComparer.Ordinal);
        var extra = extraKeys?.ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var property in json.Properties())
        {
            if (extra.Contains(property.Name)) continue;
            if (!members.TryGetValue(property.Name, out var member))
                throw new ConfigException($"unknown key '{path}{property.Name}' in {source}; allowed: {string.Join(", ", members.Keys.Concat(extra))}");
            var memberType = member.PropertyType;
            if (property.Value is JObject nested && memberType != null && memberType != typeof(JObject)
                && !(memberType.IsGenericType && memberType.GetGenericTypeDefinition() == typeof(Dictionary<,>)))
                CheckKeys(nested, memberType, $"{path}{property.Name}.", source);
        }
    }

    internal static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
