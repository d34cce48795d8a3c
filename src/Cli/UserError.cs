namespace HyperRL.Cli;

/// <summary>Turns the exceptions that bad input produces into one-line messages (no stack traces).</summary>
public static class UserError
{
    public static bool IsUserFacing(Exception e) => e is ArgumentException or InvalidOperationException or FormatException
        or IOException or UnauthorizedAccessException or NotSupportedException or OperationCanceledException
        or HyperRL.Agents.Config.ConfigException or HyperRL.HyperPolicy.PolicySpecException
        or HyperRL.HyperPolicy.PolicyFileException or InvalidDataException;

    public static string Describe(Exception e)
    {
        // ArgumentOutOfRangeException appends "(Parameter ...) Actual value was ..." lines; the first line says it all.
        string message = e.Message;
        int newline = message.IndexOf('\n');
        return newline < 0 ? message.Trim() : message[..newline].Trim();
    }
}
