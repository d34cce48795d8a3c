namespace HyperRL.HyperPolicy;

/// <summary>Checks a spec against the environment's shapes; every failure is one clear line.</summary>
internal static class PolicySpecValidator
{
    /// <summary>Widest hidden layer a spec may ask for.</summary>
    public const int MaxHiddenWidth = 65_536;

    /// <summary>Most parameters one main network may have (its layers' sizes stay far from int overflow).</summary>
    public const long MaxMainParameters = 100_000_000;

    /// <summary>Most output-layer parameters a full hypernetwork may have (embedding x generated parameters).</summary>
    public const long MaxHypernetworkOutputParameters = 500_000_000;

    public static void Validate(PolicySpec spec, PolicyShapes shapes)
    {
        ValidateShapes(shapes);

        if (spec.DescriptorSize is { } expected && expected != shapes.DescriptorSize)
            Fail($"policy spec was written for descriptor length {expected}, but the environment provides descriptor length {shapes.DescriptorSize}");
        if (spec.Conditioning != ConditioningKind.Mlp && shapes.DescriptorSize == 0)
            Fail($"conditioning '{SpecNames.Conditioning.NameOf(spec.Conditioning)}' needs a descriptor, but the environment provides descriptor length 0; use conditioning 'mlp'");
        if (spec.Hidden.Count == 0)
            Fail("'hidden' in policy spec must list at least one hidden layer size");

        if (spec.CriticHidden is { Count: 0 }) Fail("'criticHidden' in policy spec must list at least one hidden layer size");
        if (spec.CriticHidden is not null && spec.SharedTrunk) Fail("'criticHidden' needs 'sharedTrunk': false (a shared trunk has one set of hidden layers)");
        ValidateSizes(spec, shapes);
        if (spec.CriticHidden is { } criticHidden) ValidateSizes(spec with { Hidden = criticHidden, CriticHidden = null, Architectures = null }, shapes);
        if (spec.Architectures is { } architectures) ValidateArchitectures(spec, architectures, shapes);
        ValidateHead(spec, shapes);
        if (spec.Conditioning == ConditioningKind.Hyper) ValidateHyper(spec);
        if (spec.SharedTrunk && !spec.HyperCritic && spec.Conditioning == ConditioningKind.Hyper)
            Fail("'hyperCritic': false needs 'sharedTrunk': false (a shared trunk is hyper-generated for actor and critic alike)");
    }

    /// <summary>Sizes checked in 64-bit arithmetic before any tensor is made, so a typo like [50000, 50000] is a sentence,
    /// not an overflow deep inside a layer.</summary>
    private static void ValidateSizes(PolicySpec spec, PolicyShapes shapes)
    {
        foreach (var width in spec.Hidden)
            if (width > MaxHiddenWidth) Fail($"'hidden' layer of {width:N0} units is wider than {MaxHiddenWidth:N0}");
        // The widest input any of the networks reads: observation, descriptor (concat) and action (state-action critics).
        long previous = (long)shapes.ObservationSize + shapes.DescriptorSize + shapes.ActionSize, parameters = 0;
        foreach (var width in spec.Hidden.Append(2 * shapes.ActionSize + 1))
        {
            parameters += previous * width + width;
            previous = width;
        }
        if (parameters > MaxMainParameters)
            Fail($"'hidden' [{string.Join(", ", spec.Hidden)}] makes a main network of {parameters:N0} parameters, more than {MaxMainParameters:N0}");
        if (spec.Conditioning == ConditioningKind.Hyper && spec.Hyper.Kind == HyperKind.Full
            && parameters * spec.Hyper.Embedding * 2 > MaxHypernetworkOutputParameters)
            Fail($"a full hypernetwork with embedding {spec.Hyper.Embedding} over 'hidden' [{string.Join(", ", spec.Hidden)}] needs about " +
                 $"{parameters * spec.Hyper.Embedding * 2:N0} output parameters, more than {MaxHypernetworkOutputParameters:N0}; " +
                 "use a smaller trunk, 'hyper.generatedLayers', or the chunked or lowrank kind");
    }

    /// <summary>An architecture space: hyper conditioning generating every layer of a separate actor; the largest
    /// network within the size limits.</summary>
    private static void ValidateArchitectures(PolicySpec spec, ArchitectureSpec architectures, PolicyShapes shapes)
    {
        var space = ArchitectureSpace.From(architectures);
        if (spec.Conditioning != ConditioningKind.Hyper)
            Fail($"'architectures' needs conditioning 'hyper' (a hypernetwork generates every architecture), got '{SpecNames.Conditioning.NameOf(spec.Conditioning)}'");
        if (spec.SharedTrunk) Fail("'architectures' needs 'sharedTrunk': false (the actor's architecture varies, the critic's does not)");
        if (spec.Hyper.GeneratedLayers is not null)
            Fail("'architectures' needs every layer generated: remove 'hyper.generatedLayers'");
        if (spec.Hyper.ConcatInput) Fail("'architectures' does not support 'hyper.concatInput'");
        if (architectures.Critic == ArchitectureCriticKind.Generated && spec.CriticHidden is not null)
            Fail("'criticHidden' sizes a fixed critic; with 'architectures.critic': 'generated' the critic takes each architecture's sizes");
        ValidateSizes(spec with { Hidden = space.Largest, Architectures = null }, shapes);
    }

    private static void ValidateShapes(PolicyShapes shapes)
    {
        if (shapes.ObservationSize <= 0) Fail($"observation size must be positive, got {shapes.ObservationSize}");
        if (shapes.ActionSize <= 0) Fail($"action size must be positive, got {shapes.ActionSize}");
        if (shapes.DescriptorLow.Length != shapes.DescriptorHigh.Length)
            Fail($"descriptor low has {shapes.DescriptorLow.Length} values but descriptor high has {shapes.DescriptorHigh.Length}");
        for (var i = 0; i < shapes.DescriptorSize; i++)
        {
            var (low, high) = (shapes.DescriptorLow[i], shapes.DescriptorHigh[i]);
            if (!float.IsFinite(low) || !float.IsFinite(high) || high < low)
                Fail($"descriptor range {i} must be finite with low <= high, got [{low}, {high}]");
        }
        if ((shapes.ActionLow is null) != (shapes.ActionHigh is null))
            Fail("action low and action high must both be given or both be omitted");
        if (shapes.ActionLow is not null && (shapes.ActionLow.Length != shapes.ActionSize || shapes.ActionHigh!.Length != shapes.ActionSize))
            Fail($"action bounds must have {shapes.ActionSize} values (the action size), got {shapes.ActionLow.Length} and {shapes.ActionHigh!.Length}");
    }

    private static void ValidateHead(PolicySpec spec, PolicyShapes shapes)
    {
        var head = spec.Head;
        var name = SpecNames.Head.NameOf(head);
        var discrete = shapes.ActionKind == ActionKind.Discrete;
        switch (head)
        {
            case HeadKind.Categorical or HeadKind.Q or HeadKind.Dueling when !discrete:
                Fail($"head '{name}' needs discrete actions, but the environment's actions are continuous; allowed for continuous actions: auto, gaussian, tanh_gaussian");
                break;
            case HeadKind.Gaussian or HeadKind.TanhGaussian when discrete:
                Fail($"head '{name}' needs continuous actions, but the environment's actions are discrete; allowed for discrete actions: auto, categorical, q, dueling");
                break;
        }
        if (head == HeadKind.TanhGaussian)
        {
            if (shapes.ActionLow is null)
                Fail("head 'tanh_gaussian' needs action bounds (ActionLow/ActionHigh) to rescale tanh outputs to [low, high]");
            for (var i = 0; i < shapes.ActionSize; i++)
            {
                var (low, high) = (shapes.ActionLow![i], shapes.ActionHigh![i]);
                if (!float.IsFinite(low) || !float.IsFinite(high) || high <= low)
                    Fail($"head 'tanh_gaussian' needs finite action bounds with low < high, got [{low}, {high}] for action dimension {i}");
            }
        }
    }

    private static void ValidateHyper(PolicySpec spec)
    {
        var hyper = spec.Hyper;
        var layers = spec.Hidden.Count + 1;
        if (hyper.GeneratedLayers is { } k && k > layers)
            Fail($"'hyper.generatedLayers' is {k}, but the main network has only {layers} layers ({spec.Hidden.Count} hidden + output)");
        if (hyper.Init == HyperInit.Bias && hyper.Kind != HyperKind.Full)
            Fail($"'hyper.init' 'bias' needs hyper kind 'full' (it sets the output bias to a main-net init, one value per weight); allowed for kind '{SpecNames.HyperKind.NameOf(hyper.Kind)}': hyperfan_in, hyperfan_out");
    }

    /// <summary>Models other than PPO's actor-critic have one architecture and no separate value network.</summary>
    public static void RequireSingleArchitecture(PolicySpec spec, string model)
    {
        if (spec.Architectures is not null)
            Fail($"'architectures' (an architecture search space) is supported by PPO's actor-critic only, not by {model}");
        if (spec.CriticHidden is not null)
            Fail($"'criticHidden' sizes PPO's value network; {model} has none (use 'hidden')");
    }

    private static void Fail(string message) => throw new PolicySpecException(message);
}
