using HyperRL.Agents.Config;
using HyperRL.Agents.Environments;
using HyperRL.HyperPolicy;
using static TorchSharp.torch;

namespace HyperRL.Agents.Algorithms;

/// <summary>What an algorithm is built from: the run's config, its env pipeline, the policy's shapes and the device.</summary>
public sealed record AlgorithmContext(TrainConfig Config, EnvPipeline Envs, PolicyShapes Shapes, Device Device);
