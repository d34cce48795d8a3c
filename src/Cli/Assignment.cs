using System.Globalization;

namespace HyperRL.Cli;

/// <summary>NAME=VALUE command-line assignments.</summary>
public sealed record Assignment(string Name, string Value)
{
    public static Assignment Parse(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1) throw new ArgumentException($"'{text}' is not NAME=VALUE");
        return new Assignment(text[..eq].Trim(), text[(eq + 1)..].Trim());
    }

    public static double Number(string text, string what) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{what}: '{text}' is not a number");
}
