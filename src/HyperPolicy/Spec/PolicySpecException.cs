namespace HyperRL.HyperPolicy;

/// <summary>An invalid policy spec (unknown key or value, bad type, or a mismatch with the environment). One-line message.</summary>
public sealed class PolicySpecException(string message) : Exception(message);
