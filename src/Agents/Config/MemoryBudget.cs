namespace HyperRL.Agents.Config;

/// <summary>Checks that a buffer fits in the memory this process may use, before it is allocated.</summary>
public static class MemoryBudget
{
    /// <summary>The share of the process's available memory one buffer may take.</summary>
    public const double MaxShare = 0.8;

    /// <summary>Bytes this process may use (the machine's memory, or a container's limit).</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <param name="what">The key and value that make the buffer, e.g. "dqn.bufferSize 100,000,000".</param>
    public static void Check(double bytes, string what, string buffer)
    {
        if (bytes <= MaxShare * Available) return;
        throw new ConfigException($"{what} needs a {Gigabytes(bytes)} {buffer}; this process may use {Gigabytes(Available)}");
    }

    private static string Gigabytes(double bytes) => FormattableString.Invariant($"{bytes / (1L << 30):F1} GB");
}
