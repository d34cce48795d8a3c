using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Fused;

/// <summary>
/// An <see cref="ActorCritic"/>'s evaluation (log pi(a|s), entropy, V(s)) and its gradient computed in C# on the
/// optimizer's flat parameter buffer, for the shapes this toolkit trains: what a PPO update needs without TorchSharp's
/// per-operation cost, which dominates on small networks. It reads the same parameters the module holds (views of the
/// optimizer's buffer), so the module, its snapshots and checkpoints see every step. Rows are grouped by descriptor
/// inside (weights generated once per distinct descriptor); inputs and outputs are in the caller's row order.
/// Tests hold it equal to the TorchSharp path on values and gradients for every covered scheme and head.
/// </summary>
public sealed class FusedActorCritic
{
    private readonly FusedPlan plan;
    private readonly FusedRows batch;
    private readonly IFusedHead head;
    private readonly float[] actions;   // sorted
    private readonly float[] logProbs;  // sorted
    private readonly float[] entropies; // sorted
    private readonly float[] rowGradient;
    private readonly float[] entropyGradient;

    private FusedActorCritic(FusedPlan plan, int maxRows)
    {
        this.plan = plan;
        batch = new FusedRows(plan, maxRows);
        head = plan.Head == FusedHeadKind.Categorical ? new FusedCategoricalHead(plan.ActionSize) : new FusedGaussianHead(plan.ActionSize, plan.LogStdOffset);
        actions = new float[maxRows * ActionWidth];
        logProbs = new float[maxRows];
        entropies = new float[maxRows];
        rowGradient = new float[maxRows];
        entropyGradient = new float[maxRows];
    }

    /// <summary>Values per row of the actions array: 1 (an index) for a categorical head, the action size otherwise.</summary>
    public int ActionWidth => plan.Head == FusedHeadKind.Categorical ? 1 : plan.ActionSize;

    /// <summary>Builds the fused form of <paramref name="model"/>, or returns null with <paramref name="reason"/> naming
    /// the part of the spec it does not cover.</summary>
    /// <param name="offsetOf">Each trained parameter's offset in the optimizer's flat buffer (null when not in it).</param>
    /// <param name="maxRows">The largest batch <see cref="Forward"/> will see.</param>
    public static FusedActorCritic? TryCreate(ActorCritic model, Func<Tensor, long?> offsetOf, int maxRows, out string reason)
    {
        var plan = FusedPlanBuilder.TryBuild(model, offsetOf, out reason);
        return plan is null ? null : new FusedActorCritic(plan, maxRows);
    }

    /// <summary>
    /// log pi(a|s), entropy and V(s) of <paramref name="count"/> rows (observations [rows, obs], raw descriptors
    /// [rows, d], actions [rows, <see cref="ActionWidth"/>]) with the weights in <paramref name="parameters"/>; keeps what
    /// <see cref="Backward"/> needs.
    /// </summary>
    public void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> observations, ReadOnlySpan<float> descriptors, ReadOnlySpan<float> actionRows,
        int count, Span<float> logProb, Span<float> entropy, Span<float> value)
    {
        batch.Forward(parameters, observations, descriptors, count);
        var order = batch.Order;
        int width = ActionWidth;
        for (int i = 0; i < count; i++) actionRows.Slice(order[i] * width, width).CopyTo(actions.AsSpan(i * width));
        var network = batch.Network;
        head.Forward(network.Output(plan.ActorStage), actions, count, parameters, logProbs, entropies);
        var values = network.Output(plan.CriticStage);
        for (int i = 0; i < count; i++)
        {
            logProb[order[i]] = logProbs[i];
            entropy[order[i]] = entropies[i];
            value[order[i]] = values[i];
        }
    }

    /// <summary>Adds d loss / d parameters into <paramref name="gradient"/> (laid out as the parameters), given the loss's
    /// gradient by each row's log-prob, entropy and value of the last <see cref="Forward"/>.</summary>
    public void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> logProbGradient, ReadOnlySpan<float> entropyGradientByRow,
        ReadOnlySpan<float> valueGradient, Span<float> gradient)
    {
        var (network, order, rows) = (batch.Network, batch.Order, batch.Count);
        var valueOutputGradient = network.OutputGradient(plan.CriticStage);
        for (int i = 0; i < rows; i++)
        {
            rowGradient[i] = logProbGradient[order[i]];
            entropyGradient[i] = entropyGradientByRow[order[i]];
            valueOutputGradient[i] = valueGradient[order[i]];
        }
        head.Backward(network.Output(plan.ActorStage), actions, rows, parameters, rowGradient, entropyGradient,
            network.OutputGradient(plan.ActorStage), gradient);
        network.Backward(parameters, gradient);
    }
}
