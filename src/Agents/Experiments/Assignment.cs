using System.Globalization;
using HyperRL.Envs.Descriptors;

namespace HyperRL.Agents.Experiments;

/// <summary>
/// The one parser of NAME=VALUE text (command-line flags, study files): descriptor points, ranges and grids are all
/// assignments whose value has a form of its own. Errors name the flag and the expected form.
/// </summary>
public sealed record Assignment(string Name, string Value)
{
    /// <param name="what">The flag or key being parsed, for the error message (e.g. "--heldout").</param>
    /// <param name="form">The expected form, e.g. "NAME=VALUE".</param>
    public static Assignment Parse(string text, string what, string form)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1) throw new ArgumentException($"{what} '{text}' is not {form}");
        return new Assignment(text[..eq].Trim(), text[(eq + 1)..].Trim());
    }

    /// <summary>A finite number in the invariant culture.</summary>
    public static double Number(string text, string what) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{what}: '{text}' is not a number");

    /// <summary>NAME=VALUE[,NAME=VALUE...]: one descriptor point; a name given twice is an error.</summary>
    public static Dictionary<string, double> Point(string text, string what)
    {
        var point = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var assignment = Parse(part, what, "NAME=VALUE[,NAME=VALUE]");
            if (!point.TryAdd(assignment.Name, Number(assignment.Value, $"{what} {assignment.Name}")))
                throw new ArgumentException($"{what} '{text}' sets '{assignment.Name}' twice");
        }
        return point;
    }

    /// <summary>Several NAME=VALUE assignments merged into one point (a repeated flag); a name given twice is an error.</summary>
    public static Dictionary<string, double> Points(IEnumerable<string> assignments, string what)
    {
        var merged = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string text in assignments)
        {
            var assignment = Parse(text, what, "NAME=VALUE");
            if (!merged.TryAdd(assignment.Name, Number(assignment.Value, $"{what} {assignment.Name}")))
                throw new ArgumentException($"{what} sets '{assignment.Name}' twice");
        }
        return merged;
    }

    /// <summary>NAME=LOW:HIGH (or NAME=VALUE for a point range).</summary>
    public static KeyValuePair<string, ParameterRange> Range(string text, string what)
    {
        var assignment = Parse(text, what, "NAME=LOW:HIGH");
        try
        {
            return new(assignment.Name, ParameterRange.Parse(assignment.Value));
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{what} {assignment.Name}: {e.Message}");
        }
    }
}
