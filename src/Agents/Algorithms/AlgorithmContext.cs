using HyperRL.Agents.Config;
using HyperRL.Agents.Distributed;
using HyperRL.Agents.Environments;
using HyperRL.HyperPolicy;
using static TorchSharp.torch;

namespace HyperRL.Agents.Algorithms;

/// <summary>What an algorithm is built from: the run's config, its env pipeline, the policy's shapes and the device;
/// with remote rollout workers (<see cref="TrainConfig.RemoteWorkers"/>), their pool: rollouts come from it instead of
/// <see cref="Envs"/>, which then only holds the normalization statistics.</summary>
public sealed record AlgorithmContext(TrainConfig Config, EnvPipeline Envs, PolicyShapes Shapes, Device Device, RemoteWorkerPool? Workers = null);
