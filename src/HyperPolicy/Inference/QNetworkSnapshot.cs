namespace HyperRL.HyperPolicy.Inference;

/// <summary>A Q network for one descriptor, as C# arrays (see <see cref="MlpSnapshot"/>).</summary>
internal sealed class QNetworkSnapshot(MlpSnapshot network, bool dueling, int actionCount)
{
    private readonly float[] raw = new float[network.OutputSize];

    /// <summary>Q(s, a) for every action: the raw outputs, or for a dueling head V + A - mean(A).</summary>
    public void QValues(ReadOnlySpan<float> observation, Span<float> q)
    {
        network.Forward(observation, raw);
        if (!dueling)
        {
            raw.AsSpan(0, actionCount).CopyTo(q);
            return;
        }
        float meanAdvantage = 0;
        for (var a = 0; a < actionCount; a++) meanAdvantage += raw[1 + a];
        meanAdvantage /= actionCount;
        for (var a = 0; a < actionCount; a++) q[a] = raw[0] + raw[1 + a] - meanAdvantage;
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
