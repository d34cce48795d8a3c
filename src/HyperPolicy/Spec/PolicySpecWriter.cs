using Newtonsoft.Json.Linq;

namespace HyperRL.HyperPolicy;

/// <summary>Writes every key explicitly (defaults included), so a saved spec does not depend on future defaults; keys
/// added later whose default keeps the earlier behaviour (hyper.concatInput, descriptorBounds, criticHidden, architectures) are written only when set, so that files
/// saved before them load and resave byte for byte.</summary>
internal static class PolicySpecWriter
{
    public static JObject Write(PolicySpec spec)
    {
        var hyper = spec.Hyper;
        var json = new JObject
        {
            ["conditioning"] = SpecNames.Conditioning.NameOf(spec.Conditioning),
            ["hyper"] = new JObject
            {
                ["kind"] = SpecNames.HyperKind.NameOf(hyper.Kind),
                ["embedding"] = hyper.Embedding,
                ["encoderHidden"] = new JArray(hyper.EncoderHidden),
                ["chunkSize"] = hyper.ChunkSize,
                ["chunkEmbedding"] = hyper.ChunkEmbedding,
                ["chunkHidden"] = hyper.ChunkHidden,
                ["rank"] = hyper.Rank,
                ["generatedLayers"] = hyper.GeneratedLayers is { } k ? k : JValue.CreateNull(),
                ["init"] = SpecNames.HyperInit.NameOf(hyper.Init),
            },
            ["film"] = new JObject { ["hidden"] = new JArray(spec.FilmHidden) },
            ["hidden"] = new JArray(spec.Hidden),
            ["activation"] = SpecNames.Activation.NameOf(spec.Activation),
            ["head"] = SpecNames.Head.NameOf(spec.Head),
            ["logStd"] = SpecNames.LogStd.NameOf(spec.LogStd),
            ["logStdInit"] = spec.LogStdInit,
            ["sharedTrunk"] = spec.SharedTrunk,
            ["hyperCritic"] = spec.HyperCritic,
            ["orthogonalInit"] = spec.OrthogonalInit,
            ["descriptorSize"] = spec.DescriptorSize is { } d ? d : JValue.CreateNull(),
        };
        // Written only when on: a spec without it (every file saved before the option existed) keeps its exact bytes.
        if (hyper.ConcatInput) ((JObject)json["hyper"]!)["concatInput"] = true;
        if (spec.DescriptorBounds != DescriptorBoundsKind.Declared) json["descriptorBounds"] = SpecNames.DescriptorBounds.NameOf(spec.DescriptorBounds);
        if (spec.CriticHidden is { } criticHidden) json["criticHidden"] = new JArray(criticHidden);
        if (spec.Architectures is { } architectures) json["architectures"] = Write(architectures);
        return json;
    }

    private static JObject Write(ArchitectureSpec architectures)
    {
        var json = new JObject();
        if (architectures.Depths.Count > 0) json["depths"] = new JArray(architectures.Depths);
        if (architectures.Widths.Count > 0) json["widths"] = new JArray(architectures.Widths);
        if (architectures.List.Count > 0) json["list"] = new JArray(architectures.List.Select(hidden => new JArray(hidden)));
        json["critic"] = SpecNames.ArchitectureCritic.NameOf(architectures.Critic);
        return json;
    }
}
