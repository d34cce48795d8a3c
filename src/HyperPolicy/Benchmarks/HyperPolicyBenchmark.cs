using System.Diagnostics;
using System.Globalization;
using HyperRL.HyperPolicy.Conditioning;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy;

/// <summary>
/// Forward+backward cost of the hyper actor-critic against the plain mlp one, and parameter counts per hypernetwork
/// kind. Called by `hyperrl bench policy`; not a test (no wall-clock asserts anywhere).
/// </summary>
public static class HyperPolicyBenchmark
{
    public const string Shared = "shared";
    public const string PerEnv = "per-env";

    public static IReadOnlyList<PolicyBenchmarkRow> MeasureTimes(PolicyBenchmarkOptions? options = null)
    {
        options ??= new PolicyBenchmarkOptions();
        var shapes = Shapes(options);
        var rows = new List<PolicyBenchmarkRow>();
        var previousThreads = get_num_threads();
        if (options.TorchThreads is { } threads) set_num_threads(threads);
        try
        {
            MeasureAll(options, shapes, rows);
        }
        finally
        {
            set_num_threads(previousThreads);
        }
        return rows;
    }

    private static void MeasureAll(PolicyBenchmarkOptions options, PolicyShapes shapes, List<PolicyBenchmarkRow> rows)
    {
        manual_seed(0);
        using var mlp = ActorCritic.Create(Spec(options, ConditioningKind.Mlp, HyperKind.Full), shapes);
        using var hyper = ActorCritic.Create(Spec(options, ConditioningKind.Hyper, HyperKind.Full), shapes);
        foreach (var batch in options.BatchSizes)
            foreach (var descriptors in new[] { Shared, PerEnv })
            {
                var (mlpTime, hyperTime) = TimeInterleaved(mlp, hyper, shapes, options, batch, descriptors);
                rows.Add(new PolicyBenchmarkRow("mlp", batch, descriptors, mlpTime, mlp.ParameterCount));
                rows.Add(new PolicyBenchmarkRow("hyper", batch, descriptors, hyperTime, hyper.ParameterCount));
            }
    }

    public static IReadOnlyList<PolicyParameterCount> CountParameters(PolicyBenchmarkOptions? options = null)
    {
        options ??= new PolicyBenchmarkOptions();
        var shapes = Shapes(options);
        var counts = new List<PolicyParameterCount>();
        manual_seed(0);
        using (var mlp = ActorCritic.Create(Spec(options, ConditioningKind.Mlp, HyperKind.Full), shapes))
            counts.Add(new PolicyParameterCount("mlp", mlp.ParameterCount, 0, mlp.ParameterCount));
        foreach (var kind in new[] { HyperKind.Full, HyperKind.Chunked, HyperKind.LowRank })
        {
            using var policy = ActorCritic.Create(Spec(options, ConditioningKind.Hyper, kind), shapes);
            var generator = ((HyperConditionedNetwork)policy.ActorNetwork).Generator;
            counts.Add(new PolicyParameterCount("hyper/" + SpecNames.HyperKind.NameOf(kind), policy.ParameterCount,
                generator.parameters().Sum(p => p.numel()), generator.Layers.Sum(layer => (long)layer.ParameterCount)));
        }
        return counts;
    }

    /// <summary>Runs both measurements and formats them as text lines (what the CLI prints).</summary>
    public static IReadOnlyList<string> Report(PolicyBenchmarkOptions? options = null)
    {
        var inv = CultureInfo.InvariantCulture;
        options ??= new PolicyBenchmarkOptions();
        var lines = new List<string> { $"torch threads={options.TorchThreads?.ToString(inv) ?? get_num_threads().ToString(inv)}  forward+backward of Evaluate + PPO-like loss, best-of-7-blocks ms per step", "conditioning  batch  descriptors  ms/step  params  hyper/mlp" };
        var times = MeasureTimes(options);
        foreach (var row in times)
        {
            var mlp = times.First(r => r.Conditioning == "mlp" && r.Batch == row.Batch && r.Descriptors == row.Descriptors);
            lines.Add(string.Format(inv, "{0,-12}  {1,5}  {2,-11}  {3,7:F3}  {4,6}  {5,5:F2}x",
                row.Conditioning, row.Batch, row.Descriptors, row.MillisecondsPerStep, row.Parameters, row.MillisecondsPerStep / mlp.MillisecondsPerStep));
        }
        lines.Add("variant        actor-critic params  hypernetwork params  main-net params (actor + critic)");
        foreach (var count in CountParameters(options))
            lines.Add(string.Format(inv, "{0,-14} {1,19}  {2,19}  {3,10}", count.Variant, count.ActorCriticParameters, count.GeneratorParameters, count.MainNetParameters));
        return lines;
    }

    private static PolicyShapes Shapes(PolicyBenchmarkOptions options) => new(
        options.ObservationSize, ActionKind.Discrete, options.ActionCount,
        Enumerable.Repeat(0f, options.DescriptorSize).ToArray(), Enumerable.Repeat(1f, options.DescriptorSize).ToArray());

    private static PolicySpec Spec(PolicyBenchmarkOptions options, ConditioningKind conditioning, HyperKind kind) => new()
    {
        Conditioning = conditioning,
        Hidden = options.Hidden,
        Hyper = new HyperSpec { Kind = kind, Embedding = options.HyperEmbedding },
    };

    /// <summary>
    /// Alternates timed blocks of the two policies so both see the same background load, and keeps each one's fastest
    /// block (the least disturbed estimate of its cost).
    /// </summary>
    private static (double First, double Second) TimeInterleaved(ActorCritic first, ActorCritic second, PolicyShapes shapes, PolicyBenchmarkOptions options, int batch, string descriptors)
    {
        manual_seed(1);
        using var observations = randn(batch, shapes.ObservationSize);
        using var actions = randint(shapes.ActionSize, [batch], dtype: ScalarType.Int64);
        using var distinct = rand(options.DistinctDescriptors, shapes.DescriptorSize);
        using var perEnvIndex = arange(batch, dtype: ScalarType.Int64).remainder(options.DistinctDescriptors);
        using var desc = descriptors == Shared ? rand(shapes.DescriptorSize) : distinct.index_select(0, perEnvIndex);

        void Step(ActorCritic policy)
        {
            using var scope = NewDisposeScope();
            policy.zero_grad();
            var evaluation = policy.Evaluate(observations, desc, actions);
            var loss = -evaluation.LogProb.mean() + 0.5 * evaluation.Value.square().mean() - 0.01 * evaluation.Entropy.mean();
            loss.backward();
        }

        double Block(ActorCritic policy)
        {
            var watch = Stopwatch.StartNew();
            var iterations = 0;
            while (watch.Elapsed < options.TimePerCase / (2 * TimedBlocks) || iterations < 2)
            {
                Step(policy);
                iterations++;
            }
            return watch.Elapsed.TotalMilliseconds / iterations;
        }

        for (var i = 0; i < options.WarmupIterations; i++)
        {
            Step(first);
            Step(second);
        }
        var (bestFirst, bestSecond) = (double.MaxValue, double.MaxValue);
        for (var block = 0; block < TimedBlocks; block++)
        {
            bestFirst = Math.Min(bestFirst, Block(first));
            bestSecond = Math.Min(bestSecond, Block(second));
        }
        return (bestFirst, bestSecond);
    }

    private const int TimedBlocks = 7;
}
