using System.Diagnostics;
using HyperRL.Envs.Core;
using HyperRL.Envs.Registry;
using HyperRL.Envs.Spaces;
using HyperRL.Envs.Util;
using HyperRL.Envs.Vector;

namespace HyperRL.Cli.Bench;

/// <summary>One measured configuration of <see cref="EnvBenchmark"/>.</summary>
public sealed record EnvBenchmarkRow(string EnvId, string Mode, int NumEnvs, int Workers, long Steps, double Seconds)
{
    public double StepsPerSecond => Steps / Seconds;
}

/// <summary>
/// Env steps per second with random actions drawn up front (so the policy costs nothing), for a single env and
/// for vector envs with 1 and 2 worker threads. Auto-resets are included, as in training.
/// </summary>
public static class EnvBenchmark
{
    public static IEnumerable<EnvBenchmarkRow> Run(IEnumerable<string> ids, double secondsPerCase, int numEnvs)
    {
        foreach (string id in ids)
        {
            yield return Single(id, secondsPerCase);
            foreach (int workers in new[] { 1, 2 }) yield return Vectorized(id, numEnvs, workers, secondsPerCase);
        }
    }

    private static EnvBenchmarkRow Single(string id, double seconds)
    {
        var env = EnvRegistry.Make(id);
        var actions = new ActionTable(env.ActionSpace, 1, 4096);
        var observation = new float[env.ObservationSize];
        env.Reset(observation, seed: 0);
        long steps = 0;
        int cursor = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (int k = 0; k < 1000; k++)
            {
                StepOutcome outcome = actions.Discrete != null
                    ? env.Step(actions.Discrete[cursor], observation)
                    : env.Step(actions.Continuous.AsSpan(cursor * actions.ActionSize, actions.ActionSize), observation);
                cursor = (cursor + 1) % actions.Rows;
                if (outcome.Done) env.Reset(observation);
            }
            steps += 1000;
        }
        return new EnvBenchmarkRow(id, "single", 1, 1, steps, clock.Elapsed.TotalSeconds);
    }

    private static EnvBenchmarkRow Vectorized(string id, int numEnvs, int workers, double seconds)
    {
        using var vec = VectorEnvFactory.Make(id, numEnvs, workers);
        var actions = new ActionTable(vec.SingleActionSpace, numEnvs, 64);
        vec.Reset(seed: 0);
        long steps = 0;
        int row = 0;
        // Warm-up so the JIT and the worker threads are running before the clock starts.
        for (int k = 0; k < 10; k++) StepOnce(vec, actions, ref row);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (int k = 0; k < 10; k++) StepOnce(vec, actions, ref row);
            steps += 10L * numEnvs;
        }
        return new EnvBenchmarkRow(id, "vector", numEnvs, workers, steps, clock.Elapsed.TotalSeconds);
    }

    private static void StepOnce(VectorEnv vec, ActionTable actions, ref int row)
    {
        if (actions.Discrete != null) vec.Step(actions.Discrete.AsSpan(row * vec.NumEnvs, vec.NumEnvs));
        else vec.Step(actions.Continuous.AsSpan(row * vec.NumEnvs * actions.ActionSize, vec.NumEnvs * actions.ActionSize));
        row = (row + 1) % (actions.Rows / vec.NumEnvs);
    }

    /// <summary>Pre-drawn random actions, <c>batch * batches</c> rows.</summary>
    private sealed class ActionTable
    {
        public ActionTable(Space space, int batch, int batches)
        {
            var rng = new Rng(12345);
            Rows = batch * batches;
            if (space is Discrete discrete)
            {
                Discrete = Enumerable.Range(0, Rows).Select(_ => discrete.Sample(rng)).ToArray();
                ActionSize = 1;
            }
            else
            {
                var box = (Box)space;
                ActionSize = box.Size;
                Continuous = Enumerable.Range(0, Rows).SelectMany(_ => box.Sample(rng)).ToArray();
            }
        }

        public int Rows { get; }
        public int ActionSize { get; }
        public int[]? Discrete { get; }
        public float[] Continuous { get; } = Array.Empty<float>();
    }
}
