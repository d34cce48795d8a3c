using System.Diagnostics;
using HyperRL.Agents.Distributed.Protocol;
using Orleans.Runtime;

namespace HyperRL.Agents.Distributed;

/// <summary>
/// The learner's view of its rollout workers: every silo of the cluster but its own hosts one. It configures each
/// new worker silo with the run (a one-line error if version or shapes disagree), splits a rollout's steps over
/// the workers it has, gathers their chunks in parallel, and where a chunk fails or times out (a killed worker)
/// counts it lost, drops that worker and has the others collect its steps. A silo that joins later is configured
/// and gets work from the next rollout on.
/// </summary>
public sealed class RemoteWorkerPool : IDisposable
{
    private readonly IGrainFactory _grains;
    private readonly SiloAddress? _ownSilo;
    private readonly TimeSpan _chunkTimeout;
    private readonly TimeSpan _waitTimeout;
    private readonly IDisposable? _owner;
    private readonly Dictionary<SiloAddress, Worker> _workers = [];
    private readonly HashSet<SiloAddress> _refused = [];
    // Silos whose chunk failed: left alone for a while (a dead one leaves the membership meanwhile), then, if still
    // members, configured again as new workers (a timeout on a busy machine does not lose a worker for good).
    private readonly Dictionary<SiloAddress, Stopwatch> _failed = [];
    private static readonly TimeSpan RetryFailedAfter = TimeSpan.FromSeconds(10);
    private readonly Dictionary<SiloAddress, (Task<RolloutChunk> Call, Stopwatch Age)> _inFlight = [];
    private readonly Stopwatch _sinceDiscovery = new();
    private WorkerSetupTemplate? _setup;
    private int _nextIndex;

    private sealed record Worker(SiloAddress Silo, int Index, IRolloutWorkerGrain Grain, string Where);

    private sealed record WorkerSetupTemplate(string ConfigJson, WorkerShapes Expected);

    /// <param name="grains">A client of the cluster (the learner's silo or a test cluster's client).</param>
    /// <param name="ownSilo">The learner's own silo, which hosts no worker (null for a client).</param>
    /// <param name="owner">Disposed with the pool (the learner's silo host).</param>
    public RemoteWorkerPool(IGrainFactory grains, SiloAddress? ownSilo, TimeSpan chunkTimeout, TimeSpan waitTimeout, Action<string> log,
        IDisposable? owner = null)
    {
        (_grains, _ownSilo, _chunkTimeout, _waitTimeout, Log, _owner) = (grains, ownSilo, chunkTimeout, waitTimeout, log, owner);
    }

    /// <summary>Where joins, refusals and losses are told, one line each.</summary>
    public Action<string> Log { get; set; }

    /// <summary>Workers that serve the run now.</summary>
    public int Workers => _workers.Count;

    /// <summary>Chunks lost so far (a worker failed or timed out; its steps were collected by others).</summary>
    public long LostChunks { get; private set; }

    public long BytesSent { get; private set; }
    public long BytesReceived { get; private set; }
    public long Messages { get; private set; }

    /// <summary>The counters now, to take differences per update.</summary>
    public TrafficCounters Traffic => new(BytesSent, BytesReceived, Messages);

    /// <summary>The metrics columns of an update that started at <paramref name="before"/>: workers serving, chunks
    /// lost so far, and the update's payload megabytes each way and messages.</summary>
    public IEnumerable<KeyValuePair<string, double>> Metrics(TrafficCounters before) =>
    [
        new("remote_workers", Workers),
        new("lost_chunks", LostChunks),
        new("sent_mb", (BytesSent - before.BytesSent) / 1e6),
        new("received_mb", (BytesReceived - before.BytesReceived) / 1e6),
        new("messages", Messages - before.Messages),
    ];

    /// <summary>Waits (up to the wait timeout) until <paramref name="required"/> workers serve the run. A worker that
    /// refuses the run (another HyperRL version, other env shapes) is an error before anything is trained.</summary>
    public void Start(string configJson, WorkerShapes expected, int required, CancellationToken cancellation)
    {
        _setup = new WorkerSetupTemplate(configJson, expected);
        _workers.Clear(); // a pool reused for another run configures every worker again
        _refused.Clear();
        _failed.Clear();
        _inFlight.Clear();
        var clock = Stopwatch.StartNew();
        bool announced = false;
        while (true)
        {
            var refusals = Discover(cancellation);
            if (refusals.Count > 0) throw new RemoteWorkersException(refusals[0]);
            if (_workers.Count >= required) return;
            if (clock.Elapsed >= _waitTimeout)
                throw new RemoteWorkersException($"{_workers.Count} of {required} remote workers joined within {_waitTimeout.TotalSeconds:F0} s; " +
                                                 "start them with 'hyperrl worker --cluster ...' (same cluster settings)");
            if (!announced)
            {
                Log($"waiting up to {_waitTimeout.TotalSeconds:F0} s for {required} remote workers ({_workers.Count} joined)");
                announced = true;
            }
            if (cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(250))) throw new OperationCanceledException(cancellation);
        }
    }

    /// <summary>Configures worker silos that joined since the last look; returns the refusals, one line each.</summary>
    private List<string> Discover(CancellationToken cancellation)
    {
        var refusals = new List<string>();
        MembershipEntry[] hosts;
        try
        {
            hosts = Wait(_grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true), _chunkTimeout, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log($"could not list the cluster's silos: {e.Message}");
            return refusals;
        }
        var active = hosts.Where(h => !h.SiloName.StartsWith(SiloHosting.LearnerSiloPrefix, StringComparison.Ordinal))
            .Where(h => !h.SiloAddress.Equals(_ownSilo)).ToList();
        // A worker that left stays until a call to it fails: membership can lag behind a killed process, and the
        // call fails at once for a silo that is gone, so the chunk is collected by the others either way.
        foreach (var host in active.OrderBy(h => h.SiloAddress.ToParsableString(), StringComparer.Ordinal))
        {
            if (_workers.ContainsKey(host.SiloAddress) || _refused.Contains(host.SiloAddress)) continue;
            if (_failed.TryGetValue(host.SiloAddress, out var since) && since.Elapsed < RetryFailedAfter) continue;
            _failed.Remove(host.SiloAddress);
            if (Configure(host.SiloAddress, $"{host.HostName}, silo {host.SiloAddress.Endpoint}", cancellation) is { } refusal)
                refusals.Add(refusal);
        }
        return refusals;
    }

    private string? Configure(SiloAddress silo, string where, CancellationToken cancellation)
    {
        var grain = _grains.GetGrain<IRolloutWorkerGrain>(silo.ToParsableString());
        int index = _nextIndex;
        var setup = new WorkerSetup(WorkerProtocol.HyperRLVersion, WorkerProtocol.Version, _setup!.ConfigJson, index, _setup.Expected);
        WorkerReady ready;
        try
        {
            ready = Wait(grain.Configure(setup), _chunkTimeout, cancellation);
            Messages++;
            BytesSent += 2L * setup.ConfigJson.Length;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log($"worker silo {where} could not be configured: {OneLine(e)}");
            return null;
        }
        if (ready.Error is { } error)
        {
            _refused.Add(silo);
            string refusal = $"remote worker at {where} refused the run: {error}";
            Log(refusal);
            return refusal;
        }
        _nextIndex++;
        _workers[silo] = new Worker(silo, index, grain, $"{ready.Host} pid {ready.ProcessId}");
        Log($"worker {index} joined: {ready.Host} pid {ready.ProcessId}, silo {silo.Endpoint}");
        return null;
    }

    /// <summary>
    /// <paramref name="steps"/> steps of every worker env in all: split over the workers, gathered in parallel,
    /// lost chunks re-collected by the workers left. Returns the chunks with their worker's index, in a fixed order
    /// (by round, then worker index). <paramref name="request"/> makes the request of a chunk of the given steps.
    /// </summary>
    public IReadOnlyList<(int WorkerIndex, RolloutChunk Chunk)> Gather(int steps, Func<int, RolloutRequest> request, CancellationToken cancellation)
    {
        if (_setup is null) throw new InvalidOperationException("Start the pool before gathering");
        Discover(cancellation); // joiners get work from this rollout on; one that refuses the run is logged and left out
        var gathered = new List<(int, RolloutChunk)>();
        int missing = steps;
        while (missing > 0)
        {
            if (_workers.Count == 0) WaitForAnyWorker(cancellation);
            var round = _workers.Values.OrderBy(w => w.Index).ToList();
            var shares = Split(missing, round.Count);
            var calls = new List<(Worker Worker, int Steps, Task<RolloutChunk> Call)>();
            for (int k = 0; k < round.Count; k++)
            {
                if (shares[k] > 0) calls.Add((round[k], shares[k], Send(round[k], request(shares[k]))));
            }
            missing = 0;
            foreach (var (worker, share, call) in calls)
            {
                string? failure;
                RolloutChunk? chunk = null;
                try
                {
                    chunk = Wait(call, _chunkTimeout, cancellation);
                    failure = chunk.Error;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failure = OneLine(e);
                }
                if (failure is null && chunk!.Steps == share)
                {
                    gathered.Add((worker.Index, Received(chunk)));
                    continue;
                }
                missing += share;
                Lose(worker, $"a chunk of {share} steps", failure ?? $"returned {chunk!.Steps} steps, asked for {share}",
                    _workers.Count > 1 ? $"{_workers.Count - 1} workers collect them" : "waiting for a worker");
            }
            if (missing > 0) Discover(cancellation);
        }
        return gathered;
    }

    /// <summary>
    /// Asynchronous actors (Ape-X): every worker always has one chunk request in flight; returns the first chunk that
    /// arrives, with its worker's index, after which that worker gets a new request (made by <paramref name="request"/>
    /// for its index, with the latest weights) on the next call. A chunk that fails or times out is counted lost and its
    /// worker dropped; the others go on.
    /// </summary>
    public (int WorkerIndex, RolloutChunk Chunk) Next(Func<int, RolloutRequest> request, CancellationToken cancellation)
    {
        if (_setup is null) throw new InvalidOperationException("Start the pool before collecting");
        while (true)
        {
            // Joiners are looked for about once a second (this runs once per chunk).
            if (!_sinceDiscovery.IsRunning || _sinceDiscovery.Elapsed > TimeSpan.FromSeconds(1))
            {
                Discover(cancellation);
                _sinceDiscovery.Restart();
            }
            if (_workers.Count == 0) WaitForAnyWorker(cancellation);
            foreach (var worker in _workers.Values.OrderBy(w => w.Index))
            {
                if (!_inFlight.ContainsKey(worker.Silo)) _inFlight[worker.Silo] = (Send(worker, request(worker.Index)), Stopwatch.StartNew());
            }
            var pending = _inFlight.ToList();
            var oldest = pending.Max(p => p.Value.Age.Elapsed);
            var deadline = Task.Delay(_chunkTimeout - oldest < TimeSpan.Zero ? TimeSpan.Zero : _chunkTimeout - oldest, cancellation);
            Task.WhenAny(pending.Select(p => (Task)p.Value.Call).Append(deadline)).GetAwaiter().GetResult();
            cancellation.ThrowIfCancellationRequested();
            foreach (var (silo, (call, age)) in pending.OrderBy(p => _workers.TryGetValue(p.Key, out var w) ? w.Index : int.MaxValue))
            {
                if (!call.IsCompleted && age.Elapsed < _chunkTimeout) continue;
                _inFlight.Remove(silo);
                if (!_workers.TryGetValue(silo, out var worker)) continue;
                string? failure = !call.IsCompleted ? $"no answer within {_chunkTimeout.TotalSeconds:F0} s"
                    : call.IsFaulted ? OneLine(call.Exception!.GetBaseException())
                    : call.Result.Error;
                if (failure is null) return (worker.Index, Received(call.Result));
                Lose(worker, "a chunk", failure, $"{_workers.Count - 1} workers go on");
            }
        }
    }

    private Task<RolloutChunk> Send(Worker worker, RolloutRequest message)
    {
        BytesSent += message.Bytes;
        Messages++;
        return worker.Grain.Collect(message);
    }

    private RolloutChunk Received(RolloutChunk chunk)
    {
        BytesReceived += chunk.Bytes;
        Messages++;
        return chunk;
    }

    /// <summary>Counts a lost chunk and drops its worker. One that lost its run (not configured) is configured again at
    /// the next look, as a new worker; one whose chunk failed, after <see cref="RetryFailedAfter"/> if its silo is still
    /// a member.</summary>
    private void Lose(Worker worker, string what, string failure, string next)
    {
        LostChunks++;
        _workers.Remove(worker.Silo);
        if (failure != WorkerProtocol.NotConfigured) _failed[worker.Silo] = Stopwatch.StartNew();
        Log($"worker {worker.Index} ({worker.Where}) lost {what}: {failure}; {next}");
    }

    private void WaitForAnyWorker(CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        while (_workers.Count == 0)
        {
            if (clock.Elapsed >= _waitTimeout)
                throw new RemoteWorkersException($"no remote worker left, and none joined within {_waitTimeout.TotalSeconds:F0} s");
            if (cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(500))) throw new OperationCanceledException(cancellation);
            Discover(cancellation);
        }
    }

    /// <summary><paramref name="total"/> split into <paramref name="parts"/> shares that differ by at most one, larger first.</summary>
    public static int[] Split(int total, int parts) =>
        Enumerable.Range(0, parts).Select(k => total / parts + (k < total % parts ? 1 : 0)).ToArray();

    private static T Wait<T>(Task<T> task, TimeSpan timeout, CancellationToken cancellation)
    {
        try
        {
            return task.WaitAsync(timeout, cancellation).GetAwaiter().GetResult();
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no answer within {timeout.TotalSeconds:F0} s");
        }
    }

    private static string OneLine(Exception e) => e.Message.Split('\n')[0].Trim();

    public void Dispose() => _owner?.Dispose();
}

public sealed record TrafficCounters(long BytesSent, long BytesReceived, long Messages);

/// <summary>The remote workers cannot serve the run (none joined in time, one refused it, all were lost).</summary>
public sealed class RemoteWorkersException(string message) : InvalidOperationException(message);
