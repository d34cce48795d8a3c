using System.Reflection;
using HyperRL.Agents.Distributed.Protocol;

namespace HyperRL.Agents.Distributed;

/// <summary>Versions learner and workers must share, and the protocol's fixed messages.</summary>
public static class WorkerProtocol
{
    /// <summary>Bumped whenever a message's meaning changes.</summary>
    public const int Version = 1;

    public const string NotConfigured = "not configured for this run";

    /// <summary>This build's HyperRL version (the assembly's informational version).</summary>
    public static string HyperRLVersion { get; } =
        typeof(WorkerProtocol).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>Why a worker of this build cannot serve <paramref name="setup"/>'s learner; null when it can.</summary>
    public static string? Mismatch(WorkerSetup setup) =>
        setup.Protocol != Version || setup.HyperRLVersion != HyperRLVersion
            ? $"the learner runs HyperRL {setup.HyperRLVersion} (worker protocol {setup.Protocol}), this worker HyperRL {HyperRLVersion} (protocol {Version}); run the same version on both"
            : null;
}
