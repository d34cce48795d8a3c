namespace HyperRL.HyperPolicy.Heads;

internal static class PolicyHeadFactory
{
    public static void RequirePolicyHead(PolicySpec spec, PolicyShapes shapes)
    {
        if (spec.ResolvePolicyHead(shapes) is HeadKind.Q or HeadKind.Dueling) ThrowNotPolicyHead(spec.Head);
    }

    private static void ThrowNotPolicyHead(HeadKind head) => throw new PolicySpecException(
        $"head '{SpecNames.Head.NameOf(head)}' is a Q-value head; an actor-critic needs one of: auto, categorical, gaussian, tanh_gaussian");

    public static PolicyHead Create(PolicySpec spec, PolicyShapes shapes) => Create(spec.ResolvePolicyHead(shapes), spec, shapes);

    /// <summary>A policy head of the given (resolved) kind, with the spec's log-std settings.</summary>
    public static PolicyHead Create(HeadKind head, PolicySpec spec, PolicyShapes shapes) => head switch
    {
        HeadKind.Categorical => new CategoricalHead(shapes.ActionSize),
        HeadKind.Gaussian => new DiagonalGaussianHead(shapes.ActionSize, spec.LogStd, spec.LogStdInit),
        HeadKind.TanhGaussian => new TanhGaussianHead(shapes.ActionSize, spec.LogStd, spec.LogStdInit, shapes.ActionLow!, shapes.ActionHigh!),
        var other => throw new PolicySpecException(
            $"head '{SpecNames.Head.NameOf(other)}' is a Q-value head; an actor-critic needs one of: auto, categorical, gaussian, tanh_gaussian"),
    };

    public static IQValueHead CreateQ(PolicySpec spec, PolicyShapes shapes) => spec.ResolveQHead() switch
    {
        HeadKind.Q => new PlainQHead(shapes.ActionSize),
        HeadKind.Dueling => new DuelingQHead(shapes.ActionSize),
        var other => throw new PolicySpecException(
            $"head '{SpecNames.Head.NameOf(other)}' is a policy head; a Q network needs one of: auto, q, dueling"),
    };
}
