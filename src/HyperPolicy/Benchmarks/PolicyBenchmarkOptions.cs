namespace HyperRL.HyperPolicy;

/// <summary>Sizes of the benchmarked actor-critics (a CartPole-like discrete task with a 4-value descriptor by default).</summary>
public sealed record PolicyBenchmarkOptions
{
    public int ObservationSize { get; init; } = 8;
    public int ActionCount { get; init; } = 4;
    public int DescriptorSize { get; init; } = 4;
    public IReadOnlyList<int> Hidden { get; init; } = [64, 64];
    /// <summary>Descriptor embedding of the hypernetworks (16: what the training presets use).</summary>
    public int HyperEmbedding { get; init; } = 16;
    public IReadOnlyList<int> BatchSizes { get; init; } = [64, 256, 2048];
    /// <summary>Distinct descriptors in a per-env batch (one per environment of a vectorized rollout).</summary>
    public int DistinctDescriptors { get; init; } = 16;
    /// <summary>Timed time per case (both policies together); iterations adapt to it.</summary>
    public TimeSpan TimePerCase { get; init; } = TimeSpan.FromMilliseconds(1400);
    public int WarmupIterations { get; init; } = 5;
    /// <summary>
    /// Torch intra-op threads during the measurement (restored afterwards); null keeps the current setting.
    /// One thread by default: small-matrix timings are then stable, while OpenMP spin-waits make multi-threaded ones
    /// erratic as soon as another process shares the cores.
    /// </summary>
    public int? TorchThreads { get; init; } = 1;
}
