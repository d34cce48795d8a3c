using System.Runtime.ExceptionServices;
using HyperRL.Envs.Core;

namespace HyperRL.Envs.Vector;

/// <summary>
/// Splits the envs into <c>workers</c> contiguous slices; the calling thread steps slice 0 and dedicated worker
/// threads step the others, so one batch step costs one hand-off per worker. Same API and results as
/// <see cref="SyncVectorEnv"/> (each env keeps its own generator, so the split does not change any episode).
/// </summary>
public sealed class ThreadedVectorEnv : VectorEnv
{
    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim[] _start;
    private readonly ManualResetEventSlim _allDone = new(false, spinCount: 2000);
    private int _pending;
    private volatile bool _stopping;
    private ExceptionDispatchInfo? _failure;

    public ThreadedVectorEnv(IReadOnlyList<Env> envs, int workers) : base(envs, workers)
    {
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "Need at least one worker.");
        int helpers = SliceCount - 1;
        _start = new ManualResetEventSlim[helpers];
        _threads = new Thread[helpers];
        for (int w = 0; w < helpers; w++)
        {
            _start[w] = new ManualResetEventSlim(false, spinCount: 2000);
            int slice = w + 1;
            _threads[w] = new Thread(() => WorkerLoop(slice)) { IsBackground = true, Name = $"hyperrl-env-worker-{slice}" };
            _threads[w].Start();
        }
    }

    public int Workers => SliceCount;

    protected override void RunSlices()
    {
        _failure = null;
        if (_threads.Length > 0)
        {
            _allDone.Reset();
            Volatile.Write(ref _pending, _threads.Length);
            foreach (var start in _start) start.Set();
        }
        try
        {
            StepSlice(0);
        }
        catch (Exception e)
        {
            _failure ??= ExceptionDispatchInfo.Capture(e);
        }
        if (_threads.Length > 0) _allDone.Wait();
        _failure?.Throw();
    }

    private void WorkerLoop(int slice)
    {
        var start = _start[slice - 1];
        while (true)
        {
            start.Wait();
            start.Reset();
            if (_stopping) return;
            try
            {
                StepSlice(slice);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            }
            if (Interlocked.Decrement(ref _pending) == 0) _allDone.Set();
        }
    }

    public override void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        foreach (var start in _start) start.Set();
        foreach (var thread in _threads) thread.Join();
        foreach (var start in _start) start.Dispose();
        _allDone.Dispose();
    }
}
