namespace HyperRL.HyperPolicy.Fused;

/// <summary>A head of the fused path: what the actor's raw outputs mean (a Q network's: Q-values, or dueling's
/// [V, A_1..A_n]).</summary>
internal enum FusedHeadKind { Categorical, DiagonalGaussian, QValues, DuelingQValues }

/// <summary>
/// An actor-critic as the fused path computes it: stages in forward order, which stage is the generator (its output,
/// one row per distinct descriptor, is every generated stage's weights), and which give the actor's raw outputs and
/// the value (a Q network has no critic stage: -1). Offsets of trained weights are into the optimizer's flat parameter buffer.
/// </summary>
internal sealed record FusedPlan(
    IReadOnlyList<FusedStage> Stages, int GeneratorStage, int ActorStage, int CriticStage,
    int ObservationSize, int DescriptorSize, float[] DescriptorScale, float[] DescriptorOffset,
    FusedHeadKind Head, int ActionSize, int LogStdOffset)
{
    public bool HasGenerator => GeneratorStage >= 0;

    /// <summary>Whether any stage reads normalized descriptors per row.</summary>
    public bool NeedsDescriptorColumns => Stages.Any(stage => stage.Input == StageInput.ObservationsWithDescriptor);

    /// <summary>Values one descriptor's generated vector holds.</summary>
    public int GeneratedSize => HasGenerator ? Stages[GeneratorStage].OutputWidth : 0;
}
