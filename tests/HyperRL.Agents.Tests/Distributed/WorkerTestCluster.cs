using HyperRL.Agents.Distributed;
using Orleans.TestingHost;

namespace HyperRL.Agents.Tests.Distributed;

/// <summary>An Orleans test cluster whose silos (all in this process) are rollout-worker silos; the test is the learner.</summary>
internal static class WorkerTestCluster
{
    public static TestCluster Start(int silos)
    {
        var cluster = new TestClusterBuilder((short)silos).AddSiloBuilderConfigurator<WorkerSilos>().Build();
        cluster.Deploy();
        return cluster;
    }

    /// <summary>A learner's pool on the test cluster's client; joins and losses are collected in <paramref name="log"/>.</summary>
    public static RemoteWorkerPool Pool(TestCluster cluster, List<string> log, double chunkTimeoutSeconds = 30) =>
        new(cluster.Client, ownSilo: null, TimeSpan.FromSeconds(chunkTimeoutSeconds), TimeSpan.FromSeconds(30), line =>
        {
            lock (log) log.Add(line);
        });

    private sealed class WorkerSilos : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => SiloHosting.AddWorkerServices(siloBuilder);
    }
}
