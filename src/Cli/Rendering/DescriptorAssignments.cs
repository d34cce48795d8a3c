using System.Globalization;
using HyperRL.Envs.Descriptors;

namespace HyperRL.Cli.Rendering;

/// <summary>Parses <c>--descriptor NAME=VALUE</c> flags against an env's descriptor (names and ranges checked).</summary>
public static class DescriptorAssignments
{
    public static IReadOnlyDictionary<string, double> Parse(IEnumerable<string> assignments, DescriptorSpec spec)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string assignment in assignments)
        {
            int equals = assignment.IndexOf('=');
            if (equals <= 0 || equals == assignment.Length - 1)
                throw new ArgumentException($"--descriptor '{assignment}' is not NAME=VALUE");
            string name = assignment[..equals].Trim();
            string text = assignment[(equals + 1)..].Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                throw new ArgumentException($"--descriptor {name}: '{text}' is not a number");
            spec.CheckInRange(spec.IndexOf(name), value);
            values[name] = value;
        }
        return values;
    }
}
