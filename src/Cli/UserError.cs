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

    /// <summary>All lines of a message joined into one (the command-line parser lists allowed values one per line).</summary>
    public static string OneLine(string message) =>
        string.Join(" ", message.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));
}
