namespace HyperRL.HyperPolicy;

public enum PolicyModelKind { ActorCritic, QNetwork }

/// <summary>What a policy file holds besides the weights: enough to rebuild the network from the file alone.</summary>
public sealed record PolicyFileHeader(PolicyModelKind Model, PolicySpec Spec, PolicyShapes Shapes);
