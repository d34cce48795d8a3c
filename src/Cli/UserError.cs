namespace HyperRL.Cli;

/// <summary>Turns the exceptions that bad input produces into one-line messages (no stack traces).</summary>
public static class UserError
{
    public static bool IsUserFacing(Exception e) => e is ArgumentException or InvalidOperationException or FormatException
        or IOException or UnauthorizedAccessException or NotSupportedException or OperationCanceledException
        or HyperRL.Agents.Config.ConfigException or HyperRL.HyperPolicy.PolicySpecException
        or HyperRL.HyperPolicy.PolicyFileException or InvalidDataException;

    // ArgumentException appends " (Parameter 'x')" and ArgumentOutOfRangeException an "Actual value was ..." line: the
    // first line without the parameter name says it all.
    public static string Describe(Exception e) => FirstLine(e is ArgumentException { ParamName: { } name }
        ? e.Message.Replace($" (Parameter '{name}')", "")
        : e.Message);

    public static string FirstLine(string message)
    {
        int newline = message.IndexOf('\n');
        return newline < 0 ? message.Trim() : message[..newline].Trim();
    }

    /// <summary>
    /// A command-line parse error as one line in our words: the parser lists allowed values one per line and names
    /// .NET types ("Cannot parse argument 'abc' for option '--steps' as expected type 'System.Nullable`1[System.Int64]'").
    /// </summary>
    public static string ParseError(string message)
    {
        var typed = System.Text.RegularExpressions.Regex.Match(message,
            @"Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'");
        if (typed.Success)
        {
            string type = typed.Groups["type"].Value;
            string expected = type.Contains("Int64") || type.Contains("Int32") ? "an integer" : type.Contains("Double") ? "a number" : "a value of another kind";
            return $"{typed.Groups["option"].Value} expects {expected}, got '{typed.Groups["value"].Value}'";
        }
        return string.Join(" ", message.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));
    }
}
