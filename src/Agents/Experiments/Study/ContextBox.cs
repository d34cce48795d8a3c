using HyperRL.Envs.Descriptors;

namespace HyperRL.Agents.Experiments.Study;

/// <summary>
/// One equally weighted component of a train distribution: each feature uniform in its range, a pinned feature having
/// Low == High. Modes B and C are unions of boxes, which is why the distribution is a list of these rather than one box.
/// </summary>
public sealed record ContextBox(IReadOnlyDictionary<string, ParameterRange> Ranges);
