using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;

namespace HyperRL.Agents.Distributed;

/// <summary>
/// Builds the Orleans silo of a learner or a worker process from <see cref="ClusterSettings"/>: cluster and service
/// ids, explicit advertised and bind addresses, membership (development membership with the learner as primary,
/// or Redis), optional TLS, the worker-silo placement, and the response timeout of a chunk. No gateway: learner
/// and workers are all silos, so either may start first.
/// </summary>
public static class SiloHosting
{
    public const string WorkerSiloPrefix = "hyperrl-worker";
    public const string LearnerSiloPrefix = "hyperrl-learner";

    /// <param name="fatal">A worker's: set (instead of the process ending) when Orleans meets a fatal error, such as a
    /// restarted learner's new localhost membership table; the worker then joins again with a new silo.</param>
    public static IHost Build(ClusterSettings settings, bool learner, int? port = null, ManualResetEventSlim? fatal = null)
    {
        int siloPort = port ?? settings.Port ?? (learner ? settings.Learner.Port : 0);
        if (siloPort == 0) siloPort = FreePort(settings.Listen ?? settings.Address);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
            silo.Configure<SiloOptions>(o => o.SiloName = $"{(learner ? LearnerSiloPrefix : WorkerSiloPrefix)}-{Environment.MachineName}-{Environment.ProcessId}-{siloPort}");
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = settings.Address;
                o.SiloPort = siloPort;
                o.GatewayPort = 0;
                if (settings.Listen is { } listen) o.SiloListeningEndpoint = new IPEndPoint(listen, siloPort);
            });
            if (settings.Membership == ClusterSettings.Redis) silo.UseRedisClustering(settings.RedisConnection);
            else silo.UseDevelopmentClustering(learner ? null : settings.Learner);
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(settings.ChunkTimeoutSeconds));
            // A killed worker is noticed by the chunk timeout at once; membership confirms it within seconds.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.DefunctSiloExpiration = TimeSpan.FromMinutes(10);
            });
            if (settings.TlsCertificate is { } certificate)
            {
                var loaded = X509CertificateLoader.LoadPkcs12FromFile(certificate, settings.TlsPassword);
                // One cluster certificate: a peer is trusted when it presents the same one (self-signed is fine).
                silo.UseTls(loaded, tls =>
                {
                    tls.RemoteCertificateMode = Orleans.Connections.Security.RemoteCertificateMode.RequireCertificate;
                    tls.RemoteCertificateValidation = (remote, _, _) => remote.Thumbprint == loaded.Thumbprint;
                });
            }
            AddWorkerServices(silo);
            if (fatal is not null) silo.Services.AddSingleton<IFatalErrorHandler>(new RejoinOnFatalError(fatal));
        });
        return builder.Build();
    }

    /// <summary>What every silo of a HyperRL cluster needs besides membership (test clusters call it too): the
    /// worker-silo placement and the slot that holds the silo's rollout worker.</summary>
    public static ISiloBuilder AddWorkerServices(ISiloBuilder silo)
    {
        silo.Services.AddPlacementDirector<WorkerSiloPlacement, WorkerSiloPlacementDirector>();
        silo.Services.AddSingleton<WorkerSlot>();
        return silo;
    }

    private sealed class RejoinOnFatalError(ManualResetEventSlim fatal) : IFatalErrorHandler
    {
        public bool IsUnexpected(Exception exception) => true;

        public void OnFatalException(object? sender, string? context, Exception? exception) => fatal.Set();
    }

    /// <summary>A port nobody listens on right now (another process may still take it before the silo binds).</summary>
    private static int FreePort(IPAddress address)
    {
        using var probe = new TcpListener(address, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
