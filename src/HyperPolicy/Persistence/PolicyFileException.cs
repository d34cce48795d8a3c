namespace HyperRL.HyperPolicy;

/// <summary>A policy file that cannot be used: unreadable, corrupt or truncated, or made for another spec or environment.</summary>
public sealed class PolicyFileException(string message, Exception? inner = null) : Exception(message, inner);
