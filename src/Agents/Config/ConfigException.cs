namespace HyperRL.Agents.Config;

/// <summary>A training configuration is invalid; the message names the key and what is allowed.</summary>
public sealed class ConfigException(string message) : Exception(message);
