using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Fused;

/// <summary>
/// A <see cref="QNetwork"/>'s Q-values and their gradient computed in C# on a flat parameter array (the optimizer's
/// for the online network, a copy for the target network): what a DQN gradient step needs without TorchSharp's
/// per-operation cost. Covered: what <see cref="FusedPlanBuilder"/> covers, with the scalar head ("q") or the dueling
/// one (Q = V + A - mean(A)); not noisy or distributional networks. Rows are grouped by descriptor inside; inputs and
/// outputs are in the caller's row order. Tests hold it equal to the TorchSharp path on values and gradients.
/// </summary>
public sealed class FusedQNetwork
{
    private readonly FusedPlan plan;
    private readonly FusedRows batch;
    private readonly bool dueling;

    private FusedQNetwork(FusedPlan plan, int maxRows)
    {
        this.plan = plan;
        batch = new FusedRows(plan, maxRows);
        dueling = plan.Head == FusedHeadKind.DuelingQValues;
    }

    public int ActionCount => plan.ActionSize;

    /// <summary>Builds the fused form of <paramref name="model"/>, or returns null with <paramref name="reason"/> naming
    /// the part it does not cover.</summary>
    /// <param name="offsetOf">Each trained parameter's offset in the flat parameter array (null when not in it).</param>
    /// <param name="maxRows">The largest batch <see cref="Forward"/> will see.</param>
    public static FusedQNetwork? TryCreate(QNetwork model, Func<Tensor, long?> offsetOf, int maxRows, out string reason)
    {
        var plan = FusedPlanBuilder.TryBuild(model, offsetOf, out reason);
        return plan is null ? null : new FusedQNetwork(plan, maxRows);
    }

    /// <summary>Q [count, <see cref="ActionCount"/>] of <paramref name="count"/> rows (observations [rows, obs], raw
    /// descriptors [rows, d]) with the weights in <paramref name="parameters"/>; keeps what <see cref="Backward"/> needs.</summary>
    public void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, int count, Span<float> q)
    {
        batch.Forward(parameters, observations, descriptors, count);
        var raw = batch.Network.Output(plan.ActorStage);
        int n = ActionCount, width = dueling ? n + 1 : n;
        for (int i = 0; i < count; i++)
        {
            var rawRow = raw.Slice(i * width, width);
            var qRow = q.Slice(batch.Order[i] * n, n);
            if (!dueling)
            {
                rawRow.CopyTo(qRow);
                continue;
            }
            float meanAdvantage = 0;
            for (int k = 0; k < n; k++) meanAdvantage += rawRow[1 + k];
            meanAdvantage /= n;
            for (int k = 0; k < n; k++) qRow[k] = rawRow[0] + rawRow[1 + k] - meanAdvantage;
        }
    }

    /// <summary>Adds d loss / d parameters into <paramref name="gradient"/> (laid out as the parameters), given d loss / d Q
    /// [count, <see cref="ActionCount"/>] of the last <see cref="Forward"/>.</summary>
    public void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> qGradient, Span<float> gradient)
    {
        var network = batch.Network;
        var rawGradient = network.OutputGradient(plan.ActorStage);
        int n = ActionCount, width = dueling ? n + 1 : n;
        for (int i = 0; i < batch.Count; i++)
        {
            var g = qGradient.Slice(batch.Order[i] * n, n);
            var rawRow = rawGradient.Slice(i * width, width);
            if (!dueling)
            {
                g.CopyTo(rawRow);
                continue;
            }
            // dQ_k/dV = 1, dQ_k/dA_j = [k = j] - 1/n.
            float sum = 0;
            for (int k = 0; k < n; k++) sum += g[k];
            rawRow[0] = sum;
            for (int j = 0; j < n; j++) rawRow[1 + j] = g[j] - sum / n;
        }
        network.Backward(parameters, gradient);
    }
}
