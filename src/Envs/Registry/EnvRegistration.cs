using HyperRL.Envs.Core;
using HyperRL.Envs.Descriptors;

namespace HyperRL.Envs.Registry;

/// <summary>How to build one env id: its factory, time limit and descriptor (Gymnasium's <c>EnvSpec</c>).</summary>
public sealed record EnvRegistration(
    string Id,
    string Summary,
    Func<EnvOptions, Env> Create,
    int MaxEpisodeSteps,
    DescriptorSpec DescriptorSpec,
    double? RewardThreshold = null,
    bool SupportsContinuous = false);
