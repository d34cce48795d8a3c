using HyperRL.Envs.Descriptors;

namespace HyperRL.Agents.Config;

/// <summary>
/// Parses a config's <c>randomize</c> and <c>randomizeBoxes</c> texts into ranges, with errors that name the key;
/// one place so validation and env setup cannot disagree on what a range or a box means.
/// </summary>
public static class RandomizationSettings
{
    /// <summary>True when any descriptor parameter is re-sampled per episode (ranges or boxes).</summary>
    public static bool IsRandomized(TrainConfig config) => config.Randomize.Count > 0 || config.RandomizeBoxes.Count > 0;

    public static Dictionary<string, ParameterRange> Ranges(TrainConfig config)
    {
        var ranges = new Dictionary<string, ParameterRange>();
        foreach (var (name, text) in config.Randomize) ranges[name] = Parse(text, $"randomize.{name}");
        return ranges;
    }

    /// <summary>The boxes in file order; their names are checked against each other and <c>randomize</c> here, so
    /// the message names the config key rather than the env's option.</summary>
    public static List<IReadOnlyDictionary<string, ParameterRange>> Boxes(TrainConfig config)
    {
        var boxes = new List<IReadOnlyDictionary<string, ParameterRange>>();
        for (int k = 0; k < config.RandomizeBoxes.Count; k++)
        {
            var box = config.RandomizeBoxes[k];
            if (box.Count == 0) throw new ConfigException($"randomizeBoxes[{k}] names no descriptor parameter");
            var first = config.RandomizeBoxes[0];
            if (k > 0 && (box.Count != first.Count || !box.Keys.All(first.ContainsKey)))
                throw new ConfigException(
                    $"randomizeBoxes[{k}] names {string.Join(", ", box.Keys)} but randomizeBoxes[0] names {string.Join(", ", first.Keys)}; every box names the same parameters");
            var ranges = new Dictionary<string, ParameterRange>();
            foreach (var (name, text) in box)
            {
                if (config.Randomize.ContainsKey(name))
                    throw new ConfigException($"randomizeBoxes[{k}].{name}: {name} is in randomize too; a parameter is sampled from one or the other");
                ranges[name] = Parse(text, $"randomizeBoxes[{k}].{name}");
            }
            boxes.Add(ranges);
        }
        return boxes;
    }

    private static ParameterRange Parse(string text, string key)
    {
        try
        {
            return ParameterRange.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ConfigException($"{key}: {e.Message}");
        }
    }
}
