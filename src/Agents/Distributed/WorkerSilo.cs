using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace HyperRL.Agents.Distributed;

/// <summary>
/// A worker process: a silo that hosts a rollout-worker grain, until cancelled. It waits for the cluster if it is
/// not there yet (the learner's silo, with localhost membership), and when its silo stops without being asked to
/// (the cluster declared it dead, or a restarted learner began a new localhost cluster), it joins again.
/// </summary>
public static class WorkerSilo
{
    public static void Run(ClusterSettings settings, int? port, Action<string> log, CancellationToken cancellation)
    {
        bool waitingNoted = false;
        while (!cancellation.IsCancellationRequested)
        {
            using var fatal = new ManualResetEventSlim();
            using var host = SiloHosting.Build(settings, learner: false, port, fatal);
            try
            {
                host.StartAsync(cancellation).WaitAsync(TimeSpan.FromSeconds(30), cancellation).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!waitingNoted) log($"waiting for {settings.Describe()}: {e.Message.Split('\n')[0].Trim()}");
                waitingNoted = true;
                StopQuietly(host);
                cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(2));
                continue;
            }
            catch (OperationCanceledException)
            {
                break;
            }
            waitingNoted = false;
            var silo = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            log($"worker silo {silo.Endpoint} joined {settings.Describe()} (HyperRL {WorkerProtocol.HyperRLVersion}); Ctrl+C stops it");
            var stopped = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            WaitHandle.WaitAny([cancellation.WaitHandle, stopped.WaitHandle, fatal.WaitHandle, ClusterGone(host, settings, cancellation)]);
            StopQuietly(host);
            if (!cancellation.IsCancellationRequested) log("worker silo left the cluster; joining again");
        }
    }

    /// <summary>With localhost membership the learner's silo holds the membership table. A learner restarted at the
    /// same endpoint is met by Orleans' fatal-error path (its table is newer); one gone for good leaves this silo in a
    /// cluster of its own. Signalled once the learner has been missing for <see cref="LearnerGoneAfter"/> without a
    /// break, long enough that a loaded machine's slow answers are not taken for it.</summary>
    private static WaitHandle ClusterGone(IHost host, ClusterSettings settings, CancellationToken cancellation)
    {
        var gone = new ManualResetEvent(false);
        if (settings.Membership != ClusterSettings.Localhost) return gone;
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        _ = Task.Run(async () =>
        {
            var missing = System.Diagnostics.Stopwatch.StartNew();
            while (!cancellation.IsCancellationRequested && missing.Elapsed < LearnerGoneAfter)
            {
                await Task.Delay(TimeSpan.FromSeconds(3), cancellation).ContinueWith(_ => { });
                try
                {
                    var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(10));
                    if (hosts.Keys.Any(s => s.Endpoint.Equals(settings.Learner))) missing.Restart();
                }
                catch (Exception)
                {
                    // Unanswered: the learner may be gone, or the machine busy; only the elapsed time decides.
                }
            }
            gone.Set();
        });
        return gone;
    }

    private static readonly TimeSpan LearnerGoneAfter = TimeSpan.FromSeconds(30);

    private static void StopQuietly(IHost host)
    {
        try
        {
            host.StopAsync().WaitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // A silo that never started or lost its cluster may not stop cleanly; it is disposed next.
        }
    }
}
