using HyperRL.HyperPolicy.MainNetworks;

namespace HyperRL.HyperPolicy.Fused;

/// <summary>
/// Forward and backward of a <see cref="FusedPlan"/>'s stages on C# arrays: no per-operation dispatch, every
/// intermediate in a buffer allocated once for the largest batch. Rows arrive grouped by descriptor (group g holds
/// rows [GroupStart[g], GroupStart[g + 1])); a generated stage runs each group through that group's weights, a
/// trained stage the whole batch at once. Gradients are added into the caller's flat gradient array (trained
/// weights) and into the generator's output gradient (generated weights), which the generator stage then takes back
/// through the hypernetwork. Not thread-safe (it owns its buffers).
/// </summary>
internal sealed class FusedNetwork
{
    private readonly FusedPlan plan;
    private readonly int maxRows;
    private readonly float[][][] outputs;   // [stage][layer]: post-activation outputs, rows x Out
    private readonly float[]?[][] inputs;   // [stage][layer]: pre-activation values where the derivative needs them
    private readonly float[][][] gradients; // [stage][layer]: gradient of the loss by that layer's output
    private const int TransposeMinRows = 8;
    private float[] scratch = [];
    private float[] scratchWeights = [];

    public FusedNetwork(FusedPlan plan, int maxRows)
    {
        this.plan = plan;
        this.maxRows = maxRows;
        int stageCount = plan.Stages.Count;
        outputs = new float[stageCount][][];
        inputs = new float[stageCount][][];
        gradients = new float[stageCount][][];
        for (int s = 0; s < stageCount; s++)
        {
            var stage = plan.Stages[s];
            outputs[s] = stage.Layers.Select(layer => new float[maxRows * layer.Out]).ToArray();
            inputs[s] = stage.Layers.Select(layer => VectorActivations.NeedsInput(stage.Activation) ? new float[maxRows * layer.Out] : null).ToArray();
            gradients[s] = stage.Layers.Select(layer => new float[maxRows * layer.Out]).ToArray();
        }
        Observations = new float[maxRows * plan.ObservationSize];
        ObservationsWithDescriptor = plan.NeedsDescriptorColumns ? new float[maxRows * (plan.ObservationSize + plan.DescriptorSize)] : [];
        NormalizedDescriptors = new float[maxRows * plan.DescriptorSize];
        GroupStart = new int[maxRows + 1];
    }

    public int MaxRows => maxRows;

    /// <summary>[rows, obs], grouped by descriptor: written by the caller before <see cref="Forward"/>.</summary>
    public float[] Observations { get; }

    /// <summary>[rows, obs + d] when a stage reads it: written by the caller.</summary>
    public float[] ObservationsWithDescriptor { get; }

    /// <summary>[groups, d]: written by the caller when the plan has a generator.</summary>
    public float[] NormalizedDescriptors { get; }

    /// <summary>[groups + 1]: the first row of each group, then the row count.</summary>
    public int[] GroupStart { get; }

    public int Rows { get; private set; }

    public int Groups { get; private set; }

    /// <summary>The last layer's outputs of <paramref name="stage"/> ([rows, width]).</summary>
    public ReadOnlySpan<float> Output(int stage) => outputs[stage][^1].AsSpan(0, RowsOf(stage) * plan.Stages[stage].OutputWidth);

    /// <summary>The gradient by <paramref name="stage"/>'s output: the caller fills the actor's and critic's after
    /// <see cref="Forward"/>, which zeroes every stage's.</summary>
    public Span<float> OutputGradient(int stage) => gradients[stage][^1].AsSpan(0, RowsOf(stage) * plan.Stages[stage].OutputWidth);

    public void Forward(int rows, int groups, ReadOnlySpan<float> parameters)
    {
        if (rows < 1 || rows > maxRows) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"the fused network holds 1 to {maxRows} rows");
        if (groups < 1 || groups > rows || GroupStart[0] != 0 || GroupStart[groups] != rows)
            throw new ArgumentException("descriptor groups must cover the rows in order");
        Rows = rows;
        Groups = plan.HasGenerator ? groups : 1;
        for (int s = 0; s < plan.Stages.Count; s++)
        {
            var stage = plan.Stages[s];
            if (stage.Weights == StageWeights.Parameters) ForwardLayers(s, 0, RowsOf(s), parameters);
            else
            {
                int size = plan.GeneratedSize;
                var generated = Output(plan.GeneratorStage);
                for (int g = 0; g < Groups; g++)
                    ForwardLayers(s, GroupStart[g], GroupStart[g + 1] - GroupStart[g], generated.Slice(g * size, size));
            }
        }
        foreach (var perLayer in gradients)
            perLayer[^1].AsSpan().Clear();
    }

    /// <summary>After the caller filled the output gradients: adds d loss / d parameter into <paramref name="gradient"/>.</summary>
    public void Backward(ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        for (int s = plan.Stages.Count - 1; s >= 0; s--)
        {
            var stage = plan.Stages[s];
            if (stage.Weights == StageWeights.Parameters) BackwardLayers(s, 0, RowsOf(s), parameters, gradient);
            else
            {
                int size = plan.GeneratedSize;
                var generated = outputs[plan.GeneratorStage][^1];
                var generatedGradient = gradients[plan.GeneratorStage][^1];
                for (int g = 0; g < Groups; g++)
                    BackwardLayers(s, GroupStart[g], GroupStart[g + 1] - GroupStart[g], generated.AsSpan(g * size, size), generatedGradient.AsSpan(g * size, size));
            }
        }
    }

    private int RowsOf(int stage) => plan.Stages[stage].PerDescriptor ? Groups : Rows;

    /// <summary>The stage's input from row <paramref name="firstRow"/> on, and its leading dimension.</summary>
    private (float[] Values, int Offset, int Leading) InputOf(FusedStage stage, int firstRow)
    {
        switch (stage.Input)
        {
            case StageInput.Observations: return (Observations, firstRow * plan.ObservationSize, plan.ObservationSize);
            case StageInput.ObservationsWithDescriptor:
                int width = plan.ObservationSize + plan.DescriptorSize;
                return (ObservationsWithDescriptor, firstRow * width, width);
            case StageInput.NormalizedDescriptors: return (NormalizedDescriptors, firstRow * plan.DescriptorSize, plan.DescriptorSize);
            default:
                int leading = plan.Stages[stage.InputStage].OutputWidth;
                return (outputs[stage.InputStage][^1], firstRow * leading + stage.InputOffset, leading);
        }
    }

    private void ForwardLayers(int s, int firstRow, int rows, ReadOnlySpan<float> weights)
    {
        if (rows == 0) return;
        var stage = plan.Stages[s];
        var (x, xOffset, ldx) = InputOf(stage, firstRow);
        ReadOnlySpan<float> input = x.AsSpan(xOffset);
        for (int l = 0; l < stage.Layers.Count; l++)
        {
            var layer = stage.Layers[l];
            var y = outputs[s][l].AsSpan(firstRow * layer.Out, rows * layer.Out);
            Gemm.BroadcastRows(weights.Slice(layer.BiasOffset, layer.Out), y, layer.Out, rows, layer.Out);
            Gemm.MatMul(input, ldx, weights.Slice(layer.WeightOffset, layer.In * layer.Out), layer.Out, y, layer.Out, rows, layer.In, layer.Out, accumulate: true);
            if (stage.Activated(l))
            {
                if (inputs[s][l] is { } preActivation) y.CopyTo(preActivation.AsSpan(firstRow * layer.Out));
                VectorActivations.Apply(stage.Activation, y);
            }
            input = y;
            ldx = layer.Out;
        }
    }

    private void BackwardLayers(int s, int firstRow, int rows, ReadOnlySpan<float> weights, Span<float> gradient)
    {
        if (rows == 0) return;
        var stage = plan.Stages[s];
        for (int l = stage.Layers.Count - 1; l >= 0; l--)
        {
            var layer = stage.Layers[l];
            int span = rows * layer.Out;
            var g = gradients[s][l].AsSpan(firstRow * layer.Out, span);
            if (stage.Activated(l))
                VectorActivations.Backward(stage.Activation, g, outputs[s][l].AsSpan(firstRow * layer.Out, span),
                    inputs[s][l] is { } preActivation ? preActivation.AsSpan(firstRow * layer.Out, span) : default);

            // dW += x^T g (x transposed once so that the product streams rows), db += column sums of g.
            float[] x;
            int xOffset, ldx;
            if (l > 0) (x, xOffset, ldx) = (outputs[s][l - 1], firstRow * layer.In, layer.In);
            else (x, xOffset, ldx) = InputOf(stage, firstRow);
            var transposed = Scratch(ref scratch, layer.In * rows);
            Gemm.Transpose(x.AsSpan(xOffset), ldx, rows, layer.In, transposed);
            Gemm.MatMul(transposed, rows, g, layer.Out, gradient.Slice(layer.WeightOffset, layer.In * layer.Out), layer.Out, layer.In, rows, layer.Out, accumulate: true);
            Gemm.AddColumnSums(g, layer.Out, rows, layer.Out, gradient.Slice(layer.BiasOffset, layer.Out));

            // dx = g W^T, into the previous layer's gradient or the input stage's (added: several stages may read it).
            Span<float> target;
            int ldt;
            bool accumulate;
            if (l > 0)
            {
                target = gradients[s][l - 1].AsSpan(firstRow * layer.In, rows * layer.In);
                (ldt, accumulate) = (layer.In, false);
            }
            else if (stage.Input == StageInput.Stage)
            {
                int leading = plan.Stages[stage.InputStage].OutputWidth;
                target = gradients[stage.InputStage][^1].AsSpan(firstRow * leading + stage.InputOffset);
                (ldt, accumulate) = (leading, true);
            }
            else continue;
            var w = weights.Slice(layer.WeightOffset, layer.In * layer.Out);
            // Dot products against W's rows where transposing W would cost more than the product: a long output (a
            // hypernetwork's), or a descriptor group of a few rows (per-episode descriptors: often one row a group).
            if (layer.Out >= 256 || rows < TransposeMinRows) Gemm.MatMulTransposedB(g, layer.Out, w, layer.Out, target, ldt, rows, layer.Out, layer.In, accumulate);
            else
            {
                var wT = Scratch(ref scratchWeights, layer.In * layer.Out);
                Gemm.Transpose(w, layer.Out, layer.In, layer.Out, wT);
                Gemm.MatMul(g, layer.Out, wT, layer.In, target, ldt, rows, layer.Out, layer.In, accumulate);
            }
        }
    }

    private static Span<float> Scratch(ref float[] buffer, int size)
    {
        if (buffer.Length < size) buffer = new float[size];
        return buffer.AsSpan(0, size);
    }
}
