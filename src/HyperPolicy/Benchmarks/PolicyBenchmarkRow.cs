namespace HyperRL.HyperPolicy;

/// <param name="Descriptors">"shared" (one [d] descriptor for the batch) or "per-env" (rows drawn from DistinctDescriptors).</param>
/// <param name="MillisecondsPerStep">Mean time of one Evaluate + PPO-like loss + backward.</param>
public sealed record PolicyBenchmarkRow(string Conditioning, int Batch, string Descriptors, double MillisecondsPerStep, long Parameters);

/// <summary>Parameter count of an actor-critic for one hypernetwork kind (and of the plain mlp, for reference).</summary>
public sealed record PolicyParameterCount(string Variant, long ActorCriticParameters, long GeneratorParameters, long MainNetParameters);
