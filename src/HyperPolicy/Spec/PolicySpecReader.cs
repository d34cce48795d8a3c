using Newtonsoft.Json.Linq;

namespace HyperRL.HyperPolicy;

/// <summary>Reads a spec key by key so that unknown keys and values are reported with the allowed alternatives.</summary>
internal static class PolicySpecReader
{
    private static readonly string[] TopKeys =
    [
        "conditioning", "hyper", "film", "hidden", "activation", "head", "logStd", "logStdInit",
        "sharedTrunk", "hyperCritic", "orthogonalInit", "descriptorBounds", "descriptorSize", "criticHidden", "architectures",
    ];

    private static readonly string[] ArchitectureKeys = ["depths", "widths", "list", "critic"];

    private static readonly string[] HyperKeys =
        ["kind", "embedding", "encoderHidden", "chunkSize", "chunkEmbedding", "chunkHidden", "rank", "generatedLayers", "init", "concatInput"];

    private static readonly string[] FilmKeys = ["hidden"];

    public static PolicySpec Read(JObject json)
    {
        var spec = new PolicySpec();
        foreach (var property in json.Properties())
        {
            var value = property.Value;
            spec = property.Name switch
            {
                "conditioning" => spec with { Conditioning = SpecNames.Conditioning.Parse(String(value, "conditioning"), "conditioning") },
                "hyper" => spec with { Hyper = ReadHyper(Object(value, "hyper")) },
                "film" => spec with { FilmHidden = ReadFilmHidden(Object(value, "film")) },
                "hidden" => spec with { Hidden = PositiveInts(value, "hidden") },
                "activation" => spec with { Activation = SpecNames.Activation.Parse(String(value, "activation"), "activation") },
                "head" => spec with { Head = SpecNames.Head.Parse(String(value, "head"), "head") },
                "logStd" => spec with { LogStd = SpecNames.LogStd.Parse(String(value, "logStd"), "logStd") },
                "logStdInit" => spec with { LogStdInit = Float(value, "logStdInit") },
                "sharedTrunk" => spec with { SharedTrunk = Bool(value, "sharedTrunk") },
                "hyperCritic" => spec with { HyperCritic = Bool(value, "hyperCritic") },
                "orthogonalInit" => spec with { OrthogonalInit = Bool(value, "orthogonalInit") },
                "descriptorBounds" => spec with { DescriptorBounds = SpecNames.DescriptorBounds.Parse(String(value, "descriptorBounds"), "descriptorBounds") },
                "criticHidden" => spec with { CriticHidden = value.Type == JTokenType.Null ? null : PositiveInts(value, "criticHidden") },
                "architectures" => spec with { Architectures = value.Type == JTokenType.Null ? null : ReadArchitectures(value) },
                "descriptorSize" => spec with { DescriptorSize = value.Type == JTokenType.Null ? null : PositiveInt(value, "descriptorSize", allowZero: true) },
                _ => throw Unknown(property.Name, "policy spec", TopKeys),
            };
        }
        return spec;
    }

    private static HyperSpec ReadHyper(JObject json)
    {
        var hyper = new HyperSpec();
        foreach (var property in json.Properties())
        {
            var value = property.Value;
            hyper = property.Name switch
            {
                "kind" => hyper with { Kind = SpecNames.HyperKind.Parse(String(value, "hyper.kind"), "hyper.kind") },
                "embedding" => hyper with { Embedding = PositiveInt(value, "hyper.embedding") },
                "encoderHidden" => hyper with { EncoderHidden = PositiveInts(value, "hyper.encoderHidden") },
                "chunkSize" => hyper with { ChunkSize = PositiveInt(value, "hyper.chunkSize") },
                "chunkEmbedding" => hyper with { ChunkEmbedding = PositiveInt(value, "hyper.chunkEmbedding") },
                "chunkHidden" => hyper with { ChunkHidden = PositiveInt(value, "hyper.chunkHidden") },
                "rank" => hyper with { Rank = PositiveInt(value, "hyper.rank") },
                "generatedLayers" => hyper with { GeneratedLayers = value.Type == JTokenType.Null ? null : PositiveInt(value, "hyper.generatedLayers") },
                "init" => hyper with { Init = SpecNames.HyperInit.Parse(String(value, "hyper.init"), "hyper.init") },
                "concatInput" => hyper with { ConcatInput = Bool(value, "hyper.concatInput") },
                _ => throw Unknown(property.Name, "'hyper' section of policy spec", HyperKeys),
            };
        }
        return hyper;
    }

    /// <summary>{"depths", "widths", "critic"}, {"list", "critic"}, or a bare list of hidden-layer lists.</summary>
    private static ArchitectureSpec ReadArchitectures(JToken value)
    {
        if (value is JArray) return new ArchitectureSpec { List = HiddenLists(value, "architectures") };
        var architectures = new ArchitectureSpec();
        foreach (var property in Object(value, "architectures").Properties())
        {
            var item = property.Value;
            architectures = property.Name switch
            {
                "depths" => architectures with { Depths = PositiveInts(item, "architectures.depths") },
                "widths" => architectures with { Widths = PositiveInts(item, "architectures.widths") },
                "list" => architectures with { List = HiddenLists(item, "architectures.list") },
                "critic" => architectures with { Critic = SpecNames.ArchitectureCritic.Parse(String(item, "architectures.critic"), "architectures.critic") },
                _ => throw Unknown(property.Name, "'architectures' section of policy spec", ArchitectureKeys),
            };
        }
        return architectures;
    }

    private static IReadOnlyList<IReadOnlyList<int>> HiddenLists(JToken value, string key)
    {
        if (value is not JArray array)
            throw new PolicySpecException($"'{key}' in policy spec must be an array of hidden-layer lists such as [[16], [32, 16]], got {Describe(value)}");
        return array.Select(item => PositiveInts(item, key + "[]")).ToArray();
    }

    private static IReadOnlyList<int> ReadFilmHidden(JObject json)
    {
        IReadOnlyList<int> hidden = new PolicySpec().FilmHidden;
        foreach (var property in json.Properties())
        {
            hidden = property.Name switch
            {
                "hidden" => PositiveInts(property.Value, "film.hidden"),
                _ => throw Unknown(property.Name, "'film' section of policy spec", FilmKeys),
            };
        }
        return hidden;
    }

    private static PolicySpecException Unknown(string key, string where, string[] allowed) =>
        new($"unknown key '{key}' in {where}; allowed: {string.Join(", ", allowed)}");

    private static JObject Object(JToken value, string key) =>
        value as JObject ?? throw new PolicySpecException($"'{key}' in policy spec must be an object, got {Describe(value)}");

    private static string String(JToken value, string key) =>
        value.Type == JTokenType.String ? value.Value<string>()! : throw new PolicySpecException($"'{key}' in policy spec must be a string, got {Describe(value)}");

    private static bool Bool(JToken value, string key) =>
        value.Type == JTokenType.Boolean ? value.Value<bool>() : throw new PolicySpecException($"'{key}' in policy spec must be true or false, got {Describe(value)}");

    private static float Float(JToken value, string key)
    {
        if (value.Type is not (JTokenType.Float or JTokenType.Integer))
            throw new PolicySpecException($"'{key}' in policy spec must be a number, got {Describe(value)}");
        var number = value.Value<double>();
        return double.IsFinite(number) ? (float)number : throw new PolicySpecException($"'{key}' in policy spec must be finite, got {number}");
    }

    private static int PositiveInt(JToken value, string key, bool allowZero = false)
    {
        var minimum = allowZero ? 0 : 1;
        if (value.Type != JTokenType.Integer || value.Value<long>() < minimum || value.Value<long>() > int.MaxValue)
            throw new PolicySpecException($"'{key}' in policy spec must be an integer >= {minimum}, got {Describe(value)}");
        return value.Value<int>();
    }

    private static IReadOnlyList<int> PositiveInts(JToken value, string key)
    {
        if (value is not JArray array)
            throw new PolicySpecException($"'{key}' in policy spec must be an array of positive integers, got {Describe(value)}");
        return array.Select(item => PositiveInt(item, key + "[]")).ToArray();
    }

    private static string Describe(JToken value) => value.Type switch
    {
        JTokenType.String => $"'{value.Value<string>()}'",
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.Null => "null",
        _ => value.ToString(Newtonsoft.Json.Formatting.None),
    };
}
