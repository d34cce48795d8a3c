using HyperRL.HyperPolicy.Heads;

namespace HyperRL.HyperPolicy.Inference;

/// <summary>A Q network for one descriptor, as C# arrays (see <see cref="MlpSnapshot"/>).</summary>
internal sealed class QNetworkSnapshot
{
    private readonly MlpSnapshot network;
    private readonly bool dueling;
    private readonly int actionCount;
    private readonly int atoms;          // K outputs per raw output: 1 unless distributional
    private readonly QDistributionKind distribution;
    private readonly float[]? support;   // C51's z_j
    private readonly float[] raw;
    private readonly float[] combined;   // [A, K] after the dueling combination, per atom

    public QNetworkSnapshot(MlpSnapshot network, bool dueling, int actionCount)
        : this(network, dueling, actionCount, QDistributionKind.None, 1, null)
    {
    }

    private QNetworkSnapshot(MlpSnapshot network, bool dueling, int actionCount, QDistributionKind distribution, int atoms, float[]? support)
    {
        this.network = network;
        this.dueling = dueling;
        this.actionCount = actionCount;
        this.distribution = distribution;
        this.atoms = atoms;
        this.support = support;
        raw = new float[network.OutputSize];
        combined = new float[actionCount * atoms];
    }

    public static QNetworkSnapshot Distributional(MlpSnapshot network, bool dueling, int actionCount, DistributionalQHead head) =>
        new(network, dueling, actionCount, head.Kind, head.K,
            head.Kind == QDistributionKind.Categorical ? head.SupportValues() : null);

    /// <summary>Q(s, a) for every action: the raw outputs, or for a dueling head V + A - mean(A); when distributional
    /// that per atom, then the mean over quantiles or sum_j softmax_j z_j.</summary>
    public void QValues(ReadOnlySpan<float> observation, Span<float> q)
    {
        network.Forward(observation, raw);
        if (atoms == 1 && !dueling)
        {
            raw.AsSpan(0, actionCount).CopyTo(q);
            return;
        }
        Combine();
        if (atoms == 1)
        {
            combined.AsSpan(0, actionCount).CopyTo(q);
            return;
        }
        for (var a = 0; a < actionCount; a++)
        {
            var row = combined.AsSpan(a * atoms, atoms);
            q[a] = distribution == QDistributionKind.Quantile ? Mean(row) : Expectation(row, support!);
        }
    }

    /// <summary>raw (index r * K + j) -> combined [A, K]: a copy, or V_j + A_j - mean_a(A_j) for each atom j.</summary>
    private void Combine()
    {
        if (!dueling)
        {
            raw.AsSpan(0, actionCount * atoms).CopyTo(combined);
            return;
        }
        for (var j = 0; j < atoms; j++)
        {
            float meanAdvantage = 0;
            for (var a = 0; a < actionCount; a++) meanAdvantage += raw[(1 + a) * atoms + j];
            meanAdvantage /= actionCount;
            for (var a = 0; a < actionCount; a++) combined[a * atoms + j] = raw[j] + raw[(1 + a) * atoms + j] - meanAdvantage;
        }
    }

    private static float Mean(ReadOnlySpan<float> values)
    {
        float sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    /// <summary>sum_j softmax(logits)_j z_j, shifted by the largest logit so exp cannot overflow.</summary>
    private static float Expectation(ReadOnlySpan<float> logits, float[] z)
    {
        var max = float.NegativeInfinity;
        foreach (var l in logits) max = Math.Max(max, l);
        double total = 0, weighted = 0;
        for (var j = 0; j < logits.Length; j++)
        {
            var p = Math.Exp(logits[j] - max);
            total += p;
            weighted += p * z[j];
        }
        return (float)(weighted / total);
    }

    /// <summary>argmax_a Q(s, a) (the first on ties, as torch's argmax).</summary>
    public int Greedy(ReadOnlySpan<float> observation, Span<float> scratch)
    {
        QValues(observation, scratch);
        var best = 0;
        for (var a = 1; a < actionCount; a++)
            if (scratch[a] > scratch[best]) best = a;
        return best;
    }
}
