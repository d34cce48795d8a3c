namespace HyperRL.Agents.Distributed;

/// <summary>
/// A worker silo's rollout worker, held by the silo (a singleton service) rather than by the grain activation: when
/// another silo dies, Orleans may re-activate grains whose directory entries it held, and an activation's fields would
/// be lost with the old one (a surviving worker would restart its envs). Calls are serialized: for a moment two
/// activations may exist.
/// </summary>
internal sealed class WorkerSlot : IDisposable
{
    private readonly Lock _gate = new();
    private IRolloutWorker? _worker;
    private int _index = -1;

    public (IRolloutWorker? Worker, int Index) Current
    {
        get
        {
            lock (_gate) return (_worker, _index);
        }
    }

    public void Replace(IRolloutWorker worker, int index)
    {
        lock (_gate)
        {
            _worker?.Dispose();
            (_worker, _index) = (worker, index);
        }
    }

    /// <summary>Runs <paramref name="work"/> on the current worker, one call at a time.</summary>
    public T Use<T>(Func<IRolloutWorker, T> work)
    {
        lock (_gate) return work(_worker ?? throw new InvalidOperationException(WorkerProtocol.NotConfigured));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _worker?.Dispose();
            _worker = null;
        }
    }
}
