using HyperRL.HyperPolicy.Conditioning;
using HyperRL.HyperPolicy.Heads;
using HyperRL.HyperPolicy.Hypernetworks;
using HyperRL.HyperPolicy.MainNetworks;
using static TorchSharp.torch;

namespace HyperRL.HyperPolicy.Fused;

/// <summary>
/// Reads an <see cref="ActorCritic"/>'s or a <see cref="QNetwork"/>'s modules into a <see cref="FusedPlan"/>, or says why the fused path cannot run
/// it. Covered: conditioning mlp, concat and hyper (the full hypernetwork kind; actor and critic generated together,
/// with their first layers fused, or a concat critic; trained layers before the generated ones; the descriptor at the
/// main networks' input), every activation, categorical and state-independent diagonal Gaussian heads. Not covered
/// (the TorchSharp path runs them): FiLM, the chunked and low-rank hypernetworks, architecture spaces, a shared
/// trunk, noisy layers, state-dependent log-std, distributional Q heads.
/// </summary>
internal sealed class FusedPlanBuilder
{
    private readonly Func<Tensor, long?> offsetOf;
    private readonly List<FusedStage> stages = [];
    private int generatorStage = -1;
    private (float[] Scale, float[] Offset)? normalizer;

    private FusedPlanBuilder(Func<Tensor, long?> offsetOf) => this.offsetOf = offsetOf;

    /// <param name="offsetOf">Each trained parameter's offset in the optimizer's flat buffer (null: not in it).</param>
    /// <returns>The plan, or null with <paramref name="reason"/> naming what the fused path does not cover.</returns>
    public static FusedPlan? TryBuild(ActorCritic model, Func<Tensor, long?> offsetOf, out string reason)
    {
        try
        {
            reason = "";
            return new FusedPlanBuilder(offsetOf).Build(model);
        }
        catch (NotSupportedException unsupported)
        {
            reason = unsupported.Message;
            return null;
        }
    }

    /// <summary>A Q network's plan: one network whose output stage (<see cref="FusedPlan.ActorStage"/>) gives the Q
    /// head's raw outputs.</summary>
    public static FusedPlan? TryBuild(QNetwork model, Func<Tensor, long?> offsetOf, out string reason)
    {
        try
        {
            reason = "";
            return new FusedPlanBuilder(offsetOf).Build(model);
        }
        catch (NotSupportedException unsupported)
        {
            reason = unsupported.Message;
            return null;
        }
    }

    private FusedPlan Build(QNetwork model)
    {
        if (model.Options.Noisy) throw new NotSupportedException("noisy layers");
        if (model.Options.Distribution != QDistributionKind.None) throw new NotSupportedException("a distributional Q head");
        int output = Network(model.Network, model.Spec.Hyper.Kind);
        var head = model.Spec.ResolveQHead() == HeadKind.Dueling ? FusedHeadKind.DuelingQValues : FusedHeadKind.QValues;
        var shapes = model.Shapes;
        var (scale, offset) = normalizer ?? (new float[shapes.DescriptorSize], new float[shapes.DescriptorSize]);
        return new FusedPlan(stages, generatorStage, output, CriticStage: -1, shapes.ObservationSize, shapes.DescriptorSize, scale, offset,
            head, shapes.ActionSize, LogStdOffset: -1);
    }

    private FusedPlan Build(ActorCritic model)
    {
        if (model.Architectures is not null) throw new NotSupportedException("an architecture space");
        if (model.Spec.SharedTrunk) throw new NotSupportedException("a shared actor-critic trunk");
        var (head, actionSize, logStdOffset) = Head(model.Head);
        int actorStage, criticStage;
        if (model.JointNetwork is { } joint)
        {
            var outputs = Hyper(joint, model.Spec.Hyper.Kind);
            (actorStage, criticStage) = (outputs[0], outputs[1]);
        }
        else
        {
            actorStage = Network(model.ActorNetwork, model.Spec.Hyper.Kind);
            criticStage = Network(model.CriticNetwork ?? throw new NotSupportedException("an actor without a critic network"), model.Spec.Hyper.Kind);
        }
        var shapes = model.Shapes;
        var (scale, offset) = normalizer ?? (new float[shapes.DescriptorSize], new float[shapes.DescriptorSize]);
        return new FusedPlan(stages, generatorStage, actorStage, criticStage, shapes.ObservationSize, shapes.DescriptorSize, scale, offset,
            head, actionSize, logStdOffset);
    }

    private (FusedHeadKind Kind, int ActionSize, int LogStdOffset) Head(PolicyHead head) => head switch
    {
        CategoricalHead categorical => (FusedHeadKind.Categorical, categorical.RawSize, -1),
        DiagonalGaussianHead { Gaussian.LogStdParameter: { } logStd } gaussian => (FusedHeadKind.DiagonalGaussian, gaussian.RawSize, Offset(logStd)),
        DiagonalGaussianHead => throw new NotSupportedException("a state-dependent log-std"),
        _ => throw new NotSupportedException($"the {head.GetType().Name} head"),
    };

    /// <summary>Adds the stages of one network; returns the stage that gives its outputs.</summary>
    private int Network(ConditionedNetwork network, HyperKind kind) => network switch
    {
        PlainNetwork plain => Trained(plain.Layers, StageInput.Observations, -1, 0, plain.Activation, activateLast: false),
        ConcatNetwork concat => Concat(concat),
        HyperConditionedNetwork hyper => Hyper(hyper, kind)[0],
        FilmNetwork => throw new NotSupportedException($"{ConditioningNames.Of(ConditioningKind.Film)} conditioning"),
        _ => throw new NotSupportedException($"the {network.GetType().Name} network"),
    };

    private int Concat(ConcatNetwork concat)
    {
        normalizer ??= concat.Normalizer.Affine();
        return Trained(concat.Layers, StageInput.ObservationsWithDescriptor, -1, 0, concat.Activation, activateLast: false);
    }

    /// <summary>The generator's stages, then each generated network's; returns each network's output stage.</summary>
    private int[] Hyper(HyperConditionedNetwork hyper, HyperKind kind)
    {
        if (hyper.Generator is not FullHypernetwork full) throw new NotSupportedException($"the {SpecNames.HyperKind.NameOf(kind)} hypernetwork kind");
        if (hyper.GeneratesNoise) throw new NotSupportedException("noisy layers");
        if (generatorStage >= 0) throw new NotSupportedException("two hypernetworks in one actor-critic");
        normalizer ??= hyper.Normalizer.Affine();
        int encoder = Trained(full.Encoder.Layers, StageInput.NormalizedDescriptors, -1, 0, ActivationKind.Elu, activateLast: false, perDescriptor: true);
        var (outputWeight, outputBias) = full.OutputLayer;
        var encoderWidth = stages[encoder].OutputWidth;
        stages.Add(new FusedStage(StageInput.Stage, encoder, 0, encoderWidth,
            [new FusedLayer(encoderWidth, full.Layout.Total, Offset(outputWeight), Offset(outputBias))], StageWeights.Parameters,
            ActivationKind.Elu, ActivateLast: false, PerDescriptor: true));
        generatorStage = stages.Count - 1;

        var generated = GeneratedLayers(full.Layout);
        var input = hyper.ConcatInput ? StageInput.ObservationsWithDescriptor : StageInput.Observations;
        var activation = hyper.Activation;
        var outputs = new int[hyper.NetworkCount];
        int fusedFirst = -1;
        if (hyper.FusedColumns(0) is not null)
        {
            stages.Add(new FusedStage(input, -1, 0, 0, [generated[0]], StageWeights.Generated, activation, ActivateLast: true));
            fusedFirst = stages.Count - 1;
        }
        for (int net = 0; net < hyper.NetworkCount; net++)
        {
            var (first, count) = hyper.GeneratedRange(net);
            var layers = generated.Skip(first).Take(count).ToArray();
            if (fusedFirst >= 0)
            {
                var (offset, width) = hyper.FusedColumns(net)!.Value;
                stages.Add(new FusedStage(StageInput.Stage, fusedFirst, offset, width, layers, StageWeights.Generated, activation, ActivateLast: false));
            }
            else if (hyper.FixedLayers(net) is { } fixedLayers)
            {
                int trained = Trained(fixedLayers, input, -1, 0, activation, activateLast: true);
                stages.Add(new FusedStage(StageInput.Stage, trained, 0, stages[trained].OutputWidth, layers, StageWeights.Generated, activation, ActivateLast: false));
            }
            else stages.Add(new FusedStage(input, -1, 0, 0, layers, StageWeights.Generated, activation, ActivateLast: false));
            outputs[net] = stages.Count - 1;
        }
        return outputs;
    }

    /// <summary>Each generated layer's place in one descriptor's flat vector: weight [In * Out] then bias [Out].</summary>
    private static FusedLayer[] GeneratedLayers(FlatParameterLayout layout)
    {
        var layers = new FusedLayer[layout.Layers.Count];
        int offset = 0;
        for (int i = 0; i < layers.Length; i++)
        {
            var shape = layout.Layers[i];
            layers[i] = new FusedLayer(shape.In, shape.Out, offset, offset + shape.WeightCount);
            offset += shape.ParameterCount;
        }
        return layers;
    }

    private int Trained(TrainedLayerStack stack, StageInput input, int inputStage, int inputOffset, ActivationKind activation, bool activateLast,
        bool perDescriptor = false)
    {
        if (stack.Noise is not null) throw new NotSupportedException("noisy layers");
        var layers = stack.Layers.Select(layer => new FusedLayer((int)layer.Weight.shape[0], (int)layer.Weight.shape[1], Offset(layer.Weight), Offset(layer.Bias))).ToArray();
        int inputWidth = inputStage >= 0 ? layers[0].In : 0;
        stages.Add(new FusedStage(input, inputStage, inputOffset, inputWidth, layers, StageWeights.Parameters, activation, activateLast, perDescriptor));
        return stages.Count - 1;
    }

    private int Offset(Tensor parameter)
    {
        var offset = offsetOf(parameter) ?? throw new NotSupportedException("a parameter outside the optimizer's flat buffer");
        return checked((int)offset);
    }
}
