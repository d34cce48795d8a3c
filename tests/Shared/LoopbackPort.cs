using System.Net;
using System.Net.Sockets;

namespace HyperRL.Testing;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on right now, for a test's own servers and silos.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
