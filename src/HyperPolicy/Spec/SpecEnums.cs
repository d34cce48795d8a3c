namespace HyperRL.HyperPolicy;

// The JSON names of these values live in SpecNames (explicit tables, no reflection).

public enum ConditioningKind { Mlp, Concat, Film, Hyper }

public enum HyperKind { Full, Chunked, LowRank }

public enum HyperInit { HyperfanIn, HyperfanOut, Bias }

public enum ActivationKind { Tanh, Relu, Elu, Silu }

/// <summary>Auto resolves to categorical / gaussian for actor-critics, to tanh_gaussian for SAC actors and to q for Q networks.</summary>
public enum HeadKind { Auto, Categorical, Gaussian, TanhGaussian, Q, Dueling }

public enum LogStdKind { StateIndependent, StateDependent }

/// <summary>What the descriptor normalizer maps to [-1, 1]: the env's declared valid ranges, or the train
/// distribution's bounding box (resolved by whoever builds the policy's shapes).</summary>
public enum DescriptorBoundsKind { Declared, Train }

/// <summary>With an architecture search space: the critic is one fixed network, or generated with each sampled
/// architecture (the same hidden sizes as the actor's).</summary>
public enum ArchitectureCriticKind { Fixed, Generated }
