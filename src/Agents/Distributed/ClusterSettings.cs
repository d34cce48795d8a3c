using System.Net;
using HyperRL.Agents.Config;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace HyperRL.Agents.Distributed;

/// <summary>
/// How learner and workers find each other: <c>localhost</c> (development membership on 127.0.0.1, the learner's
/// silo the primary; nothing else to set) or a cluster file (JSON; every key optional):
/// <code>
/// { "membership": "redis", "redis": "10.0.0.2:6379", "clusterId": "lunar", "serviceId": "hyperrl",
///   "address": "10.0.0.5", "listen": "0.0.0.0", "port": 11111, "learner": "10.0.0.5:11111",
///   "waitSeconds": 120, "chunkTimeoutSeconds": 60, "tlsCertificate": "silo.pfx", "tlsPassword": "..." }
/// </code>
/// <c>address</c> is the IP this process advertises, <c>listen</c> the one it binds (default: the same), <c>port</c>
/// its silo port (0: a free one; the learner's default is 11111), <c>learner</c> the primary silo of localhost
/// membership. With <c>tlsCertificate</c> (a PKCS#12 file holding the private key) every silo-to-silo connection is
/// TLS, and every process of the cluster must have one.
/// </summary>
public sealed record ClusterSettings
{
    public const string Localhost = "localhost";
    public const string Redis = "redis";
    public const int DefaultLearnerPort = 11111;

    public string Membership { get; init; } = Localhost;
    public string RedisConnection { get; init; } = "127.0.0.1:6379";
    public string ClusterId { get; init; } = "hyperrl";
    public string ServiceId { get; init; } = "hyperrl";
    public IPAddress Address { get; init; } = IPAddress.Loopback;
    public IPAddress? Listen { get; init; }
    public int? Port { get; init; }
    public IPEndPoint Learner { get; init; } = new(IPAddress.Loopback, DefaultLearnerPort);
    public double WaitSeconds { get; init; } = 120;
    public double ChunkTimeoutSeconds { get; init; } = 60;
    public string? TlsCertificate { get; init; }
    public string? TlsPassword { get; init; }

    /// <summary>Where it came from, for messages ("localhost" or the file's path).</summary>
    public string Source { get; init; } = Localhost;

    private static readonly string[] Keys =
        ["membership", "redis", "clusterId", "serviceId", "address", "listen", "port", "learner", "waitSeconds", "chunkTimeoutSeconds", "tlsCertificate", "tlsPassword"];

    /// <summary><c>localhost</c> or the path of a cluster file; any problem is a <see cref="ConfigException"/>.</summary>
    public static ClusterSettings Resolve(string cluster)
    {
        if (cluster == Localhost) return new ClusterSettings();
        if (!File.Exists(cluster)) throw new ConfigException($"cluster '{cluster}' is neither 'localhost' nor an existing cluster file");
        JObject json;
        try
        {
            json = JObject.Parse(File.ReadAllText(cluster));
        }
        catch (JsonReaderException e)
        {
            throw new ConfigException($"cluster file {cluster} is not valid JSON: {e.Message}");
        }
        foreach (var property in json.Properties())
            if (!Keys.Contains(property.Name))
                throw new ConfigException($"cluster file {cluster}: unknown key '{property.Name}'; allowed: {string.Join(", ", Keys)}");
        string? Text(string key) => json[key] switch
        {
            null => null,
            JValue { Type: JTokenType.String } v => (string)v!,
            var other => throw new ConfigException($"cluster file {cluster}: '{key}' must be a string, got {other.Type}"),
        };
        double? Number(string key) => json[key] switch
        {
            null => null,
            JValue { Type: JTokenType.Integer or JTokenType.Float } v => (double)v,
            var other => throw new ConfigException($"cluster file {cluster}: '{key}' must be a number, got {other.Type}"),
        };
        IPAddress? Ip(string key) => Text(key) is { } text
            ? IPAddress.TryParse(text, out var ip) ? ip : throw new ConfigException($"cluster file {cluster}: '{key}' is not an IP address: '{text}'")
            : null;

        var defaults = new ClusterSettings();
        var settings = new ClusterSettings
        {
            Source = cluster,
            Membership = Text("membership") ?? defaults.Membership,
            RedisConnection = Text("redis") ?? defaults.RedisConnection,
            ClusterId = Text("clusterId") ?? defaults.ClusterId,
            ServiceId = Text("serviceId") ?? defaults.ServiceId,
            Address = Ip("address") ?? defaults.Address,
            Listen = Ip("listen"),
            Port = Number("port") is double port ? (int)port : null,
            Learner = Text("learner") is { } learner
                ? IPEndPoint.TryParse(learner, out var endpoint) && endpoint.Port > 0
                    ? endpoint
                    : throw new ConfigException($"cluster file {cluster}: 'learner' is not an IP:PORT endpoint: '{learner}'")
                : defaults.Learner,
            WaitSeconds = Number("waitSeconds") ?? defaults.WaitSeconds,
            ChunkTimeoutSeconds = Number("chunkTimeoutSeconds") ?? defaults.ChunkTimeoutSeconds,
            TlsCertificate = Text("tlsCertificate"),
            TlsPassword = Text("tlsPassword"),
        };
        settings.Check();
        return settings;
    }

    private void Check()
    {
        if (Membership is not (Localhost or Redis))
            throw new ConfigException($"cluster file {Source}: membership '{Membership}' is unknown; allowed: {Localhost}, {Redis}");
        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
            throw new ConfigException($"cluster file {Source}: clusterId and serviceId must not be empty");
        if (Port is int port && port is < 0 or > 65535) throw new ConfigException($"cluster file {Source}: port {port} is not between 0 and 65535");
        if (!(WaitSeconds > 0)) throw new ConfigException($"cluster file {Source}: waitSeconds must be positive, got {WaitSeconds}");
        if (!(ChunkTimeoutSeconds > 0)) throw new ConfigException($"cluster file {Source}: chunkTimeoutSeconds must be positive, got {ChunkTimeoutSeconds}");
        if (TlsCertificate is { } certificate && !File.Exists(certificate))
            throw new ConfigException($"cluster file {Source}: tlsCertificate '{certificate}' does not exist");
    }

    /// <summary>Where membership lives, in words.</summary>
    public string Describe() => Membership == Redis
        ? $"cluster '{ClusterId}' (Redis membership at {RedisConnection})"
        : $"cluster '{ClusterId}' (localhost membership, learner silo {Learner})";
}
