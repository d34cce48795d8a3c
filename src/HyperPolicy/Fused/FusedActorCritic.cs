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
    private readonly FusedNetwork network;
    private readonly IFusedHead head;
    private readonly int[] order;       // sorted position -> caller row
    private readonly float[] actions;   // sorted
    private readonly float[] logProbs;  // sorted
    private readonly float[] entropies; // sorted
    private readonly float[] rowGradient;
    private readonly float[] entropyGradient;
    private readonly float[] descriptorRows; // the batch's raw descriptors, for sorting rows by them
    private readonly Comparer<int> byDescriptor;
    private int rows;

    private FusedActorCritic(FusedPlan plan, int maxRows)
    {
        this.plan = plan;
        network = new FusedNetwork(plan, maxRows);
        head = plan.Head == FusedHeadKind.Categorical ? new FusedCategoricalHead(plan.ActionSize) : new FusedGaussianHead(plan.ActionSize, plan.LogStdOffset);
        order = new int[maxRows];
        actions = new float[maxRows * ActionWidth];
        logProbs = new float[maxRows];
        entropies = new float[maxRows];
        rowGradient = new float[maxRows];
        entropyGradient = new float[maxRows];
        descriptorRows = new float[maxRows * plan.DescriptorSize];
        int d = plan.DescriptorSize;
        byDescriptor = Comparer<int>.Create((a, b) =>
        {
            int order = descriptorRows.AsSpan(a * d, d).SequenceCompareTo(descriptorRows.AsSpan(b * d, d));
            return order != 0 ? order : a.CompareTo(b);
        });
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
        rows = count;
        int groups = Group(descriptors);
        int obsSize = plan.ObservationSize, descSize = plan.DescriptorSize, width = ActionWidth;
        var withDescriptor = network.ObservationsWithDescriptor;
        for (int i = 0; i < rows; i++)
        {
            int row = order[i];
            observations.Slice(row * obsSize, obsSize).CopyTo(network.Observations.AsSpan(i * obsSize));
            actionRows.Slice(row * width, width).CopyTo(actions.AsSpan(i * width));
            if (withDescriptor.Length == 0) continue;
            int stride = obsSize + descSize;
            observations.Slice(row * obsSize, obsSize).CopyTo(withDescriptor.AsSpan(i * stride));
            Normalize(descriptors.Slice(row * descSize, descSize), withDescriptor.AsSpan(i * stride + obsSize, descSize));
        }
        if (plan.HasGenerator)
            for (int g = 0; g < groups; g++)
                Normalize(descriptors.Slice(order[network.GroupStart[g]] * descSize, descSize), network.NormalizedDescriptors.AsSpan(g * descSize, descSize));

        network.Forward(rows, groups, parameters);
        head.Forward(network.Output(plan.ActorStage), actions, rows, parameters, logProbs, entropies);
        var values = network.Output(plan.CriticStage);
        for (int i = 0; i < rows; i++)
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

    private void Normalize(ReadOnlySpan<float> raw, Span<float> normalized)
    {
        for (int k = 0; k < raw.Length; k++) normalized[k] = raw[k] * plan.DescriptorScale[k] + plan.DescriptorOffset[k];
    }

    /// <summary>Fills <see cref="order"/> and the network's group starts; returns the number of groups. With a
    /// generator rows are sorted by descriptor (ties by row, so the order is deterministic); otherwise one group.</summary>
    private int Group(ReadOnlySpan<float> descriptors)
    {
        for (int i = 0; i < rows; i++) order[i] = i;
        var starts = network.GroupStart;
        starts[0] = 0;
        if (!plan.HasGenerator)
        {
            starts[1] = rows;
            return 1;
        }
        int d = plan.DescriptorSize;
        descriptors[..(rows * d)].CopyTo(descriptorRows);
        Array.Sort(order, 0, rows, byDescriptor);
        int groups = 1;
        for (int i = 1; i < rows; i++)
            if (!descriptorRows.AsSpan(order[i] * d, d).SequenceEqual(descriptorRows.AsSpan(order[i - 1] * d, d))) starts[groups++] = i;
        starts[groups] = rows;
        return groups;
    }
}
