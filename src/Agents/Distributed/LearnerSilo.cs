using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace HyperRL.Agents.Distributed;

/// <summary>Starts the learner's own silo (it hosts no worker) and returns the pool of the cluster's workers.</summary>
public static class LearnerSilo
{
    public static RemoteWorkerPool Start(ClusterSettings settings, Action<string> log, CancellationToken cancellation)
    {
        var host = SiloHosting.Build(settings, learner: true);
        try
        {
            host.StartAsync(cancellation).WaitAsync(TimeSpan.FromSeconds(settings.WaitSeconds), cancellation).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new RemoteWorkersException($"the learner could not join {settings.Describe()}: {e.Message.Split('\n')[0].Trim()}");
        }
        var own = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        log($"learner silo {own.Endpoint} in {settings.Describe()}");
        return new RemoteWorkerPool(host.Services.GetRequiredService<IGrainFactory>(), own, TimeSpan.FromSeconds(settings.ChunkTimeoutSeconds),
            TimeSpan.FromSeconds(settings.WaitSeconds), log, new StoppingHost(host));
    }

    private sealed class StoppingHost(IHost host) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                host.StopAsync().WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            }
            catch (TimeoutException)
            {
                // Leaving the cluster politely took too long; the process is ending anyway.
            }
            host.Dispose();
        }
    }
}
