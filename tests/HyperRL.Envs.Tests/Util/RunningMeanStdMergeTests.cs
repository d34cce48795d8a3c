using HyperRL.Envs.Util;

namespace HyperRL.Envs.Tests.Util;

/// <summary>
/// Statistics that several workers extend from the same start merge into what one process seeing every batch would
/// hold: <see cref="RunningMeanStd.Added"/> recovers what a worker added, <see cref="RunningMeanStd.Merge(RunningMeanStdState)"/> adds it.
/// </summary>
public sealed class RunningMeanStdMergeTests
{
    private static float[] Batch(Random rng, int rows, double scale, double shift) =>
        Enumerable.Range(0, rows * 3).Select(_ => (float)(shift + scale * (rng.NextDouble() - 0.5))).ToArray();

    [Test]
    public void WhatTwoWorkersAddedMergesIntoTheStatisticsOfEveryBatch()
    {
        var rng = new Random(5);
        var (start, first, second) = (Batch(rng, 50, 1, 0), Batch(rng, 40, 4, 3), Batch(rng, 30, 0.5, -2));
        var everything = new RunningMeanStd(3);
        foreach (var batch in new[] { start, first, second }) everything.Update(batch, batch.Length / 3);

        var learner = new RunningMeanStd(3);
        learner.Update(start, 50);
        var sent = learner.Save();
        RunningMeanStdState WorkerAdds(float[] batch)
        {
            var worker = new RunningMeanStd(3);
            worker.Load(sent);
            worker.Update(batch, batch.Length / 3);
            return RunningMeanStd.Added(sent, worker.Save());
        }
        var (a, b) = (WorkerAdds(first), WorkerAdds(second));
        Assert.That(a.Count, Is.EqualTo(40).Within(1e-9));
        Assert.That(b.Count, Is.EqualTo(30).Within(1e-9));
        learner.Merge(a);
        learner.Merge(b);
        Assert.That(learner.Count, Is.EqualTo(everything.Count).Within(1e-9));
        Assert.That(learner.Mean.ToArray(), Is.EqualTo(everything.Mean.ToArray()).Within(1e-9));
        Assert.That(learner.Var.ToArray(), Is.EqualTo(everything.Var.ToArray()).Within(1e-9));
    }

    [Test]
    public void NothingAddedMergesAsNothing()
    {
        var statistics = new RunningMeanStd(3);
        statistics.Update(Batch(new Random(1), 10, 1, 0), 10);
        var state = statistics.Save();
        statistics.Merge(RunningMeanStd.Added(state, state));
        Assert.That(statistics.Save().Mean, Is.EqualTo(state.Mean));
        Assert.That(statistics.Count, Is.EqualTo(state.Count));
    }
}
