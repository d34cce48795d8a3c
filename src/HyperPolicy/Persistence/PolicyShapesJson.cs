using Newtonsoft.Json.Linq;

namespace HyperRL.HyperPolicy.Persistence;

internal static class PolicyShapesJson
{
    public static JObject Write(PolicyShapes shapes) => new()
    {
        ["observationSize"] = shapes.ObservationSize,
        ["actionKind"] = shapes.ActionKind == ActionKind.Discrete ? "discrete" : "continuous",
        ["actionSize"] = shapes.ActionSize,
        ["descriptorLow"] = new JArray(shapes.DescriptorLow),
        ["descriptorHigh"] = new JArray(shapes.DescriptorHigh),
        ["actionLow"] = shapes.ActionLow is null ? JValue.CreateNull() : new JArray(shapes.ActionLow),
        ["actionHigh"] = shapes.ActionHigh is null ? JValue.CreateNull() : new JArray(shapes.ActionHigh),
    };

    /// <summary>Throws on anything missing or mistyped; the caller turns that into a <see cref="PolicyFileException"/>.</summary>
    public static PolicyShapes Read(JObject json) => new(
        json.Value<int>("observationSize"),
        json.Value<string>("actionKind") switch
        {
            "discrete" => ActionKind.Discrete,
            "continuous" => ActionKind.Continuous,
            var other => throw new FormatException($"unknown action kind '{other}'"),
        },
        json.Value<int>("actionSize"),
        Floats(json["descriptorLow"]) ?? throw new FormatException("missing descriptorLow"),
        Floats(json["descriptorHigh"]) ?? throw new FormatException("missing descriptorHigh"),
        Floats(json["actionLow"]),
        Floats(json["actionHigh"]));

    private static float[]? Floats(JToken? token) =>
        token is null || token.Type == JTokenType.Null ? null : token.Values<float>().ToArray();
}
